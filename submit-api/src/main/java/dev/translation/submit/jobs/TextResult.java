package dev.translation.submit.jobs;

import dev.translation.contracts.SegmentStatus;

/**
 * One of a job's texts as it stands, put together from its segments.
 *
 * @param index position in the request's {@code texts}, from 0
 * @param status {@code DONE} once every segment is translated; {@code FAILED} when one failed and
 *     none is pending; {@code CANCELLED} when one was cancelled and none is pending or failed; else
 *     {@code PENDING}
 * @param translation the translation when {@code DONE}, with the text's line structure; else null
 * @param error why it failed when {@code FAILED}, else null
 * @param modelVersion the model version(s) that translated it, or null
 */
public record TextResult(
    int index, SegmentStatus status, String translation, String error, String modelVersion) {}
