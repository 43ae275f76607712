package dev.translation.submit.jobs;

import java.util.Map;

/**
 * What a correction's text may be. Corrections become training data, so they are held to the
 * segment they correct: not blank, not much longer than its source, no control characters.
 */
final class CorrectionText {

  /** A correction may be this many times its source's length ... */
  static final int SOURCE_LENGTH_FACTOR = 4;

  /** ... plus this many characters, so short sources can still be translated wordily. */
  static final int SOURCE_LENGTH_SLACK = 200;

  private CorrectionText() {}

  /**
   * The correction, trimmed.
   *
   * @param text what the user sent
   * @param sourceText the text the segment translated
   * @param maxLength the configured most characters of a correction
   * @throws InvalidRequestException (422) when it is missing, blank, too long or holds a control
   *     character other than tab and line feed
   */
  static String check(String text, String sourceText, int maxLength) {
    if (text == null) {
      throw new InvalidRequestException(
          "'translation' is required: send {\"translation\": \"your translation\"}");
    }
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw new InvalidRequestException("'translation' must not be blank");
    }
    long sourceLength = sourceText.codePointCount(0, sourceText.length());
    int limit =
        (int) Math.min(maxLength, SOURCE_LENGTH_FACTOR * sourceLength + SOURCE_LENGTH_SLACK);
    int length = trimmed.codePointCount(0, trimmed.length());
    if (length > limit) {
      throw new InvalidRequestException(
          "'translation' has "
              + length
              + " characters; a correction of this segment may have at most "
              + limit
              + " (at most "
              + maxLength
              + ", and at most "
              + SOURCE_LENGTH_FACTOR
              + " times the source's "
              + sourceLength
              + " characters plus "
              + SOURCE_LENGTH_SLACK
              + ")",
          Map.of("limit", limit, "length", length));
    }
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (Character.isISOControl(c) && c != '\t' && c != '\n') {
        throw new InvalidRequestException(
            "'translation' holds the control character U+"
                + String.format("%04X", (int) c)
                + " at offset "
                + i
                + "; only tab and line feed are allowed",
            Map.of("offset", i));
      }
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < trimmed.length()
              && Character.isLowSurrogate(trimmed.charAt(i + 1)))) {
        throw new InvalidRequestException(
            "'translation' holds an unpaired surrogate at offset " + i + "; send valid Unicode",
            Map.of("offset", i));
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    return trimmed;
  }
}
