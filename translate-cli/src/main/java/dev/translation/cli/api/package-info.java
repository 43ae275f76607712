/**
 * The HTTP side of the command lines: {@link dev.translation.cli.api.ApiClient} sends requests with
 * the API key and turns problem details into {@link dev.translation.cli.api.ApiRejectedException}
 * (4xx) or {@link dev.translation.cli.api.ApiUnavailableException} (unreachable, 5xx); {@link
 * dev.translation.cli.api.TranslationApi} makes the submit API's calls over it and turns answers
 * into records. Knows nothing of the command line, its output or its exit codes.
 */
package dev.translation.cli.api;
