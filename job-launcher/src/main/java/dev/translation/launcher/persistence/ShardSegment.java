package dev.translation.launcher.persistence;

import dev.translation.contracts.SegmentStatus;

/**
 * A segment of a shard's job as its outputs need it.
 *
 * @param index its index
 * @param textIndex its text
 * @param lineBreaks line breaks before it within its text
 * @param source the source text
 * @param status where it stands
 * @param translation the translation, when done
 * @param modelVersion the model version that translated it, when done
 * @param error why it failed, when failed
 */
public record ShardSegment(
    int index,
    int textIndex,
    int lineBreaks,
    String source,
    SegmentStatus status,
    String translation,
    String modelVersion,
    String error) {}
