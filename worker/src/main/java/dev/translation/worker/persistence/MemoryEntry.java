package dev.translation.worker.persistence;

/**
 * A translation memory row to add, or to count a hit on.
 *
 * @param sourceHash {@link dev.translation.contracts.Sha256} hex of the source
 * @param languagePair e.g. {@code de-en}
 * @param modelVersion the model that produced the translation
 * @param sourceText the source
 * @param translation the translation
 * @param hits segments served by this entry without the model in this write
 */
public record MemoryEntry(
    String sourceHash,
    String languagePair,
    String modelVersion,
    String sourceText,
    String translation,
    int hits) {}
