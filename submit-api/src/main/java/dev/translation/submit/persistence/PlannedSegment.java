package dev.translation.submit.persistence;

/**
 * One segment of a new job: a sentence (or part of one) of one of the request's texts.
 *
 * @param textIndex which of the request's texts it belongs to
 * @param lineBreaks line breaks between the previous segment of that text and this one (0 = the
 *     same line)
 * @param text its source text
 */
public record PlannedSegment(int textIndex, int lineBreaks, String text) {}
