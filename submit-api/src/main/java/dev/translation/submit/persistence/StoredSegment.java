package dev.translation.submit.persistence;

import dev.translation.contracts.SegmentStatus;

/**
 * One segment row of a job as stored.
 *
 * @param index the segment's position in the job
 * @param textIndex the text it belongs to
 * @param lineBreaks line breaks between the previous segment of that text and this one
 * @param status where it stands
 * @param translation its translation when done
 * @param error why it failed, when failed
 * @param modelVersion the model version that translated it
 */
public record StoredSegment(
    int index,
    int textIndex,
    int lineBreaks,
    SegmentStatus status,
    String translation,
    String error,
    String modelVersion) {}
