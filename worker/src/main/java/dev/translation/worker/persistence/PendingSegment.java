package dev.translation.worker.persistence;

import dev.translation.contracts.LanguagePair;

/**
 * A segment still waiting for its translation, as the submit API stored it: the text and language
 * pair to translate come from here, never from the Kafka message that named the segment.
 *
 * @param jobId its job
 * @param index its position in the job
 * @param text the source text
 * @param hash SHA-256 of the source text, the translation memory's key
 * @param languages the job's language pair
 */
public record PendingSegment(
    String jobId, int index, String text, String hash, LanguagePair languages) {}
