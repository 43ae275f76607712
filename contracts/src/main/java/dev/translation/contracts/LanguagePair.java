package dev.translation.contracts;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A translation direction, such as German to English. Both sides are two-letter, lower-case ISO
 * 639-1 codes that the JDK knows ({@link Locale#getISOLanguages()}), so a typo like {@code "ge"} or
 * a three-letter code is rejected where it enters the system instead of surfacing later as a
 * missing model. Callers that accept user input normalise case before constructing one.
 *
 * @param source the language of the text to translate, e.g. {@code de}
 * @param target the language to translate into, e.g. {@code en}
 */
public record LanguagePair(String source, String target) {

  private static final Pattern TWO_LOWER_CASE_LETTERS = Pattern.compile("[a-z]{2}");
  private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());

  /** German to English, the pair the starter model translates. */
  public static final LanguagePair GERMAN_TO_ENGLISH = new LanguagePair("de", "en");

  /**
   * Validates both codes.
   *
   * @throws IllegalArgumentException saying which code is wrong and what is expected
   */
  public LanguagePair {
    requireLanguageCode("source", source);
    requireLanguageCode("target", target);
    if (source.equals(target)) {
      throw new IllegalArgumentException(
          "source and target language must differ, both were '" + source + "'");
    }
  }

  /**
   * Parses the {@link #toString()} form, e.g. {@code "de-en"}.
   *
   * @throws IllegalArgumentException when the text is not two valid codes joined by {@code -}
   */
  public static LanguagePair parse(String text) {
    Objects.requireNonNull(text, "text");
    int dash = text.indexOf('-');
    if (dash < 0 || dash != text.lastIndexOf('-')) {
      throw new IllegalArgumentException(
          "language pair '" + text + "' must look like 'de-en' (source-target)");
    }
    return new LanguagePair(text.substring(0, dash), text.substring(dash + 1));
  }

  /**
   * Whether {@code code} is a two-letter, lower-case ISO 639-1 language code.
   *
   * @param code the candidate, may be null
   */
  public static boolean isLanguageCode(String code) {
    return code != null
        && TWO_LOWER_CASE_LETTERS.matcher(code).matches()
        && ISO_639_1.contains(code);
  }

  private static void requireLanguageCode(String role, String code) {
    if (!isLanguageCode(code)) {
      throw new IllegalArgumentException(
          role
              + " language '"
              + code
              + "' is not a two-letter lower-case ISO 639-1 code such as 'de' or 'en'");
    }
  }

  /** The pair as {@code source-target}, e.g. {@code de-en}; {@link #parse} reads it back. */
  @Override
  public String toString() {
    return source + "-" + target;
  }
}
