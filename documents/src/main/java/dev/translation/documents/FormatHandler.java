package dev.translation.documents;

import java.util.List;

/**
 * Reads the translatable texts of one format and writes the document back with them translated.
 *
 * <p>A text is what is translated as one piece of work: a paragraph, a table cell, a subtitle cue,
 * a translation unit. It may hold several sentences and line breaks; the pipeline cuts it into
 * sentences and puts it back together. Everything that is not a text (markup, code, timings,
 * numbers, formulas, identifiers) is kept as it was.
 *
 * <p>Both methods parse the same bytes the same way, so the i-th translation always lands where the
 * i-th text came from. Implementations are stateless and thread-safe.
 */
public interface FormatHandler {

  /** The format this handler reads. */
  DocumentFormat format();

  /**
   * The document's texts in document order, without empty ones.
   *
   * @throws InvalidDocumentException when the bytes are not a readable document of this format
   * @throws DocumentTooLargeException when the document exceeds a limit
   */
  List<String> texts(byte[] document);

  /**
   * The document with each text replaced by its translation.
   *
   * @param translations one per {@link #texts} entry, in the same order
   * @return the translated document, in {@link #outputFormat()}
   * @throws IllegalArgumentException when the number of translations differs from the texts'
   */
  byte[] translate(byte[] document, List<TextTranslation> translations);

  /** The format {@link #translate} writes: the input's, except where it cannot be rebuilt (PDF). */
  default DocumentFormat outputFormat() {
    return format();
  }
}
