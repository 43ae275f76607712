package dev.translation.submit.jobs;

import dev.translation.contracts.SegmentStatus;

/**
 * One segment of a job as it stands.
 *
 * @param index position in the request's {@code texts}, from 0
 * @param status where it stands
 * @param translation the translation when {@code DONE}, else null
 * @param error why it failed when {@code FAILED}, else null
 * @param modelVersion the model version that translated it, or null
 */
public record SegmentResult(
    int index, SegmentStatus status, String translation, String error, String modelVersion) {}
