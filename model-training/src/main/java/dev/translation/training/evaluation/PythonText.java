package dev.translation.training.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code str.split()} and {@code str.rstrip()} semantics, which sacreBLEU's scores depend
 * on. Java's {@code \s} and {@link Character#isWhitespace} disagree with Python on characters such
 * as the no-break space U+00A0 or NEL U+0085, and a single such character changes token counts, so
 * the exact set is spelled out here.
 */
final class PythonText {

  private PythonText() {}

  /** Whether Python's {@code str.isspace()} is true for this code point. */
  static boolean isSpace(int codePoint) {
    return switch (codePoint) {
      case '\t', '\n', 0x0B, '\f', '\r', 0x1C, 0x1D, 0x1E, 0x1F, ' ', 0x85, 0xA0, 0x1680 -> true;
      case 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
      default -> codePoint >= 0x2000 && codePoint <= 0x200A;
    };
  }

  /** {@code text.split()}: the maximal runs of non-whitespace, without empty strings. */
  static List<String> split(String text) {
    List<String> tokens = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      if (isSpace(codePoint)) {
        if (start >= 0) {
          tokens.add(text.substring(start, i));
          start = -1;
        }
      } else if (start < 0) {
        start = i;
      }
      i += Character.charCount(codePoint);
    }
    if (start >= 0) {
      tokens.add(text.substring(start));
    }
    return tokens;
  }

  /** {@code text.rstrip()}: drops trailing whitespace. */
  static String rstrip(String text) {
    int end = text.length();
    while (end > 0) {
      int codePoint = text.codePointBefore(end);
      if (!isSpace(codePoint)) {
        break;
      }
      end -= Character.charCount(codePoint);
    }
    return text.substring(0, end);
  }

  /** {@code ''.join(text.split())} as code points: the text with all whitespace removed. */
  static int[] codePointsWithoutSpaces(String text) {
    return text.codePoints().filter(codePoint -> !isSpace(codePoint)).toArray();
  }
}
