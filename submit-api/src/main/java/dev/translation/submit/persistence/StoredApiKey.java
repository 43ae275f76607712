package dev.translation.submit.persistence;

/**
 * An {@code api_keys} row of an active key. The limit columns are the key's own overrides; {@code
 * null} means the configured default applies.
 *
 * @param id the key's row id
 * @param name its label
 * @param maxTextsPerRequest override of the texts per request, or null
 * @param maxCharsPerText override of the characters per text, or null
 * @param requestsPerMinute override of the request rate, or null
 */
public record StoredApiKey(
    long id,
    String name,
    Integer maxTextsPerRequest,
    Integer maxCharsPerText,
    Integer requestsPerMinute) {}
