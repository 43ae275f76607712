package dev.translation.submit.jobs;

/**
 * The outcome of a submit.
 *
 * @param job the job, as stored
 * @param replayed true when an Idempotency-Key matched an earlier submit and no job was created
 */
public record Submission(TranslationJob job, boolean replayed) {}
