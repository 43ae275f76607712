package dev.translation.launcher.persistence;

/**
 * A segment a shard's read step writes.
 *
 * @param index its index in the shard's job
 * @param textIndex the text (corpus line or document text) it belongs to
 * @param lineBreaks line breaks between the text's previous segment and this one
 * @param text the source text
 * @param sourceHash SHA-256 of the source text
 * @param translation the translation memory's translation, or null when it goes to the workers
 * @param modelVersion the model version that made {@code translation}
 */
public record NewSegment(
    int index,
    int textIndex,
    int lineBreaks,
    String text,
    String sourceHash,
    String translation,
    String modelVersion) {

  /** Whether the translation memory already translated it. */
  public boolean remembered() {
    return translation != null;
  }
}
