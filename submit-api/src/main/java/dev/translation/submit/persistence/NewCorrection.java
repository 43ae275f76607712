package dev.translation.submit.persistence;

/**
 * A user's correction of one of a job's texts, as it is written.
 *
 * @param jobId the job
 * @param segmentIndex the text's index in the job, as the result shows it
 * @param apiKeyId the key that owns the job
 * @param source source language
 * @param target target language
 * @param sourceText the text that was translated
 * @param modelTranslation what the model said
 * @param modelVersion the model version that said it, or null when several did
 * @param correctedText the user's translation
 */
public record NewCorrection(
    String jobId,
    int segmentIndex,
    long apiKeyId,
    String source,
    String target,
    String sourceText,
    String modelTranslation,
    String modelVersion,
    String correctedText) {}
