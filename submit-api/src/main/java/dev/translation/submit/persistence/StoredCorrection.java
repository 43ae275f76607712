package dev.translation.submit.persistence;

import java.time.Instant;

/**
 * A {@code segment_corrections} row, as far as the submit API reads it.
 *
 * @param id the row's id
 * @param jobId the job
 * @param segmentIndex the text's index in the job
 * @param correctedText the user's translation
 * @param createdAt when it was submitted (or last replaced)
 * @param usedByModel the model version whose retraining used it, or null while none has
 */
public record StoredCorrection(
    long id,
    String jobId,
    int segmentIndex,
    String correctedText,
    Instant createdAt,
    String usedByModel) {}
