package dev.translation.documents.markdown;

import java.util.List;

/**
 * A piece of a block's inline content as translation sees it: words that are replaced by the
 * translation, and markup that is put back around (or next to) the translated words.
 */
sealed interface Inline {

  /** Marks a span or picture that has no text of its own. */
  int NO_TEXT = -1;

  /** Literal text as it reads, escapes and entities resolved. */
  record Words(String text) implements Inline {}

  /** A soft or hard line break; how it is written is one of its block's joints. */
  record Break() implements Inline {}

  /**
   * Markup kept exactly as written: a code span, an autolink, a link by reference label, inline
   * HTML, or a link or emphasis with HTML inside.
   *
   * @param text what it reads as within its sentence (a code span's code), or empty
   * @param source the Markdown as written
   */
  record Verbatim(String text, String source) implements Inline {}

  /**
   * Emphasis, strong emphasis or a link: markup around words.
   *
   * @param open the Markdown before the words ({@code **}, {@code [})
   * @param close the Markdown after them ({@code **}, {@code ](https://example.org "Title")})
   * @param text the index of its own text, or {@link #NO_TEXT} when it has no words or wraps all
   *     the words around it
   * @param link whether it is a link, which must not be dropped with its destination
   */
  record Span(String open, String close, List<Inline> children, boolean link, int text)
      implements Inline {

    Span withText(List<Inline> numberedChildren, int index) {
      return new Span(open, close, numberedChildren, link, index);
    }
  }

  /**
   * An image. Its alternative text is a text of its own; within its sentence it reads as nothing.
   *
   * @param open the Markdown before the alternative text ({@code ![})
   * @param close the Markdown after it ({@code ](logo.png)})
   * @param alt the alternative text as it reads
   */
  record Picture(String open, String close, String alt, int text) implements Inline {}

  /** What {@code pieces} read as within their sentence: line breaks as line feeds. */
  static String visibleText(List<Inline> pieces) {
    StringBuilder text = new StringBuilder();
    appendVisibleText(pieces, text);
    return text.toString();
  }

  private static void appendVisibleText(List<Inline> pieces, StringBuilder text) {
    for (Inline piece : pieces) {
      switch (piece) {
        case Words words -> text.append(words.text());
        case Break ignored -> text.append('\n');
        case Verbatim verbatim -> text.append(verbatim.text());
        case Span span -> appendVisibleText(span.children(), text);
        case Picture ignored -> {}
      }
    }
  }

  /** Whether {@code pieces} hold words to translate, outside verbatim markup and pictures. */
  static boolean hasWords(List<Inline> pieces) {
    for (Inline piece : pieces) {
      boolean words =
          switch (piece) {
            case Words w -> !w.text().isBlank();
            case Span span -> hasWords(span.children());
            default -> false;
          };
      if (words) {
        return true;
      }
    }
    return false;
  }
}
