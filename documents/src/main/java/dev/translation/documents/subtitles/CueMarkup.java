package dev.translation.documents.subtitles;

import org.jsoup.parser.Parser;

/** How a subtitle format marks up cue text: which tags it has, and how text is escaped. */
enum CueMarkup {

  /**
   * SubRip: HTML-like tags ({@code <i>}, {@code <font color="red">}) and ASS overrides ({@code
   * {\an8}}); text is not escaped, and a {@code <} not followed by a letter is text.
   */
  SRT {
    @Override
    int tagLength(String content, int at, int end) {
      char first = content.charAt(at);
      char second = at + 1 < end ? content.charAt(at + 1) : ' ';
      if (first == '<' && (Character.isLetter(second) || second == '/')) {
        return lengthUntil(content, at, end, '>');
      }
      if (first == '{' && second == '\\') {
        return lengthUntil(content, at, end, '}');
      }
      return 0;
    }

    @Override
    String decode(String text) {
      return text;
    }

    @Override
    String encode(String text) {
      // An arrow in a translation must not read as a timing line to players.
      return text.replace("-->", "->");
    }
  },

  /**
   * WebVTT: tags ({@code <v Roger>}, {@code <c.yellow>}, {@code <i>}, timestamps such as {@code
   * <00:01.500>}) and HTML character references, so {@code &}, {@code <} and {@code >} in text are
   * escaped.
   */
  WEBVTT {
    @Override
    int tagLength(String content, int at, int end) {
      char second = at + 1 < end ? content.charAt(at + 1) : ' ';
      if (content.charAt(at) == '<' && (Character.isLetterOrDigit(second) || second == '/')) {
        return lengthUntil(content, at, end, '>');
      }
      return 0;
    }

    @Override
    String decode(String text) {
      return Parser.unescapeEntities(text, false);
    }

    @Override
    String encode(String text) {
      return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
  };

  /** The length of the tag that starts at {@code at} (before {@code end}), or 0 when none does. */
  abstract int tagLength(String content, int at, int end);

  /** Cue text without tags as it reads: character references resolved where the format has them. */
  abstract String decode(String text);

  /** Text as it is written into a cue. */
  abstract String encode(String text);

  /**
   * Longest tag looked for. Real ones are far shorter; the bound keeps a line of a million {@code
   * <} from costing a million scans to its end.
   */
  private static final int MAX_TAG_LENGTH = 256;

  private static int lengthUntil(String content, int at, int end, char close) {
    int closing = content.indexOf(close, at + 1, Math.min(end, at + MAX_TAG_LENGTH));
    return closing < 0 ? 0 : closing + 1 - at;
  }
}
