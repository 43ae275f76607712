package dev.translation.submit.persistence;

/**
 * A segment row with its source text, for the use cases that need what was translated as well as
 * the result.
 *
 * @param segment the segment as {@link SubmittedJobRepository#segments} reads it
 * @param sourceText the text the model was given
 */
public record StoredSentence(StoredSegment segment, String sourceText) {}
