package dev.translation.segmentation;

import java.util.Objects;

/**
 * One translation segment cut from a text: a sentence, or a part of a sentence too long to be one
 * segment, with where it sits relative to the piece before it.
 *
 * @param text the piece's source text, whitespace collapsed; empty only for a text with no words
 * @param lineBreaks line breaks between the previous piece of the same text and this one; 0 means
 *     the same line (the two are joined by a space), and the first piece of a text always has 0
 */
public record TextPiece(String text, int lineBreaks) {

  /** Validates the piece. */
  public TextPiece {
    Objects.requireNonNull(text, "text");
    if (lineBreaks < 0) {
      throw new IllegalArgumentException("lineBreaks must not be negative, was " + lineBreaks);
    }
  }
}
