package dev.translation.documents.markdown;

import java.util.List;

/**
 * The inline content of one block (a paragraph, a heading, a table cell): {@code [start, end)} of
 * the file's content, cut into runs of translatable content at inline HTML tags, which stay where
 * they are.
 */
record InlineBlock(Kind kind, int start, int end, List<Segment> segments) {

  /** How a block's content may be written. */
  enum Kind {
    /** Lines that may break, each of which must not start a new block (a paragraph). */
    PARAGRAPH,
    /** Lines like a paragraph's, above a {@code ===} or {@code ---} underline. */
    SETEXT_HEADING,
    /** One line after {@code #}, which must not end in what reads as closing {@code #}s. */
    ATX_HEADING,
    /** One line between pipes. */
    TABLE_CELL;

    boolean hasLines() {
      return this == PARAGRAPH || this == SETEXT_HEADING;
    }
  }

  /** A part of a block's content. */
  sealed interface Segment {}

  /** Inline HTML, kept where it is: {@code [start, end)}. */
  record Html(int start, int end) implements Segment {}

  /**
   * Content between inline HTML tags (or the block's ends): {@code [start, end)}.
   *
   * @param text the index of its text, or {@link Inline#NO_TEXT} when it has no words
   * @param joints how each of its line breaks is written, in order: the source from the end of one
   *     line's words to the start of the next line's, line separator, quote markers and indentation
   *     included
   */
  record Run(int start, int end, List<Inline> pieces, int text, List<String> joints)
      implements Segment {}
}
