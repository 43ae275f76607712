package dev.translation.engine.text;

import dev.translation.segmentation.SentenceSegmenter;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns arbitrary user text into the units the model translates: cleaned, split into lines and
 * sentences, and put back together afterwards with the same line structure.
 *
 * <p>Cleaning is deliberately lenient: whatever arrives is translated rather than rejected, except
 * for what no model can use. Unpaired UTF-16 surrogates (which cannot be encoded as UTF-8) and
 * control characters (tabs included) become spaces; line breaks keep their meaning as layout.
 */
public final class SourceText {

  private SourceText() {}

  /** Normalises to NFC and replaces control characters and unpaired surrogates by spaces. */
  public static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append(' ');
      } else if (c == '\n') {
        out.append('\n');
      } else if (c == '\r') {
        // CRLF and lone CR both end a line; a CR directly before LF adds nothing.
        if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
          out.append('\n');
        }
      } else if (Character.isISOControl(c)
          || Character.getType(c) == Character.FORMAT && c != '\u200D') {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return Normalizer.normalize(out, Normalizer.Form.NFC);
  }

  /**
   * Splits cleaned text into lines, and each line into sentences with whitespace collapsed. A blank
   * line yields an empty list, so line structure survives the round trip through {@link #join}.
   */
  public static List<List<String>> sentencesByLine(String cleaned) {
    List<List<String>> lines = new ArrayList<>();
    for (String line : cleaned.split("\n", -1)) {
      lines.add(SentenceSegmenter.sentences(line, Locale.GERMAN));
    }
    return lines;
  }

  /** Inverse of {@link #sentencesByLine}: sentences joined by spaces, lines by line breaks. */
  public static String join(List<List<String>> lines) {
    List<String> joined = new ArrayList<>(lines.size());
    for (List<String> line : lines) {
      joined.add(String.join(" ", line));
    }
    return String.join("\n", joined).strip();
  }
}
