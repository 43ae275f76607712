package dev.translation.submit.security;

import dev.translation.submit.config.ApiProperties;

/**
 * An authenticated caller. The limit fields are the key's own overrides; {@code null} means the
 * configured default applies.
 *
 * @param id the key's row id; jobs belong to it
 * @param name a human label, e.g. the team or the tool using the key
 * @param maxTextsPerRequest override of {@code translation.api.limits.max-texts-per-request}
 * @param maxCharsPerText override of {@code translation.api.limits.max-chars-per-text}
 * @param requestsPerMinute override of {@code translation.api.limits.requests-per-minute}
 */
public record ApiKey(
    long id,
    String name,
    Integer maxTextsPerRequest,
    Integer maxCharsPerText,
    Integer requestsPerMinute) {

  /** The limits in force for this key: its overrides, else the configured defaults. */
  public KeyLimits limits(ApiProperties.Limits defaults) {
    return new KeyLimits(
        maxTextsPerRequest != null ? maxTextsPerRequest : defaults.maxTextsPerRequest(),
        maxCharsPerText != null ? maxCharsPerText : defaults.maxCharsPerText(),
        requestsPerMinute != null ? requestsPerMinute : defaults.requestsPerMinute());
  }

  /** Limits in force for one key. */
  public record KeyLimits(int maxTextsPerRequest, int maxCharsPerText, int requestsPerMinute) {}
}
