package dev.translation.submit.web;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code ?wait=}: {@code 2s}, {@code 500ms}, {@code 1m}, {@code 2} (seconds) or ISO-8601
 * {@code PT2S}.
 */
final class WaitParameter {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

  private WaitParameter() {}

  /**
   * The wait, capped at {@code max}; zero when absent.
   *
   * @throws MalformedRequestException naming the accepted forms
   */
  static Duration parse(String value, Duration max) {
    if (value == null || value.isBlank()) {
      return Duration.ZERO;
    }
    String text = value.strip().toLowerCase(Locale.ROOT);
    Duration wait;
    Matcher matcher = SHORT.matcher(text);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      String unit = matcher.group(2) == null ? "s" : matcher.group(2);
      wait =
          switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
          };
    } else {
      try {
        wait = Duration.parse(text.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw invalid(value, max);
      }
      if (wait.isNegative()) {
        throw invalid(value, max);
      }
    }
    return wait.compareTo(max) > 0 ? max : wait;
  }

  private static MalformedRequestException invalid(String value, Duration max) {
    return new MalformedRequestException(
        "'wait' is '"
            + value
            + "'; use a duration such as 2s, 500ms or PT2S (at most "
            + max.toMillis()
            + " ms is waited)");
  }
}
