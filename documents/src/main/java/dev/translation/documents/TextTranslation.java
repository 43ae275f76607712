package dev.translation.documents;

import java.util.Objects;

/**
 * What goes back into a document in place of one of its texts.
 *
 * @param text the translation; where some of the text's sentences failed, those stand in the source
 *     language
 * @param complete whether every sentence of the text was translated (formats that can, such as
 *     XLIFF, mark incomplete ones for review)
 */
public record TextTranslation(String text, boolean complete) {

  /** Rejects a missing text. */
  public TextTranslation {
    Objects.requireNonNull(text, "text");
  }
}
