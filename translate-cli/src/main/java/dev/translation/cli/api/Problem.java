package dev.translation.cli.api;

import java.util.List;

/**
 * An RFC 9457 problem detail, with the extensions the API sets.
 *
 * @param detail what was wrong and what is allowed, in the API's words
 * @param supportedFormats on a refused file: the formats the API translates
 * @param reference on a 5xx: the server log line to look for
 */
record Problem(String detail, List<String> supportedFormats, String reference) {}
