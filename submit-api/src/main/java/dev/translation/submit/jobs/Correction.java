package dev.translation.submit.jobs;

import java.time.Instant;

/**
 * A user's correction as stored.
 *
 * @param id the correction's id
 * @param jobId the job
 * @param segmentIndex the segment's index, as the job's result lists it
 * @param source the job's source language
 * @param target the job's target language
 * @param translation the corrected translation, trimmed
 * @param createdAt when it was stored (a replacement has its own time)
 * @param replaced whether it replaced an earlier correction of the segment
 */
public record Correction(
    long id,
    String jobId,
    int segmentIndex,
    String source,
    String target,
    String translation,
    Instant createdAt,
    boolean replaced) {}
