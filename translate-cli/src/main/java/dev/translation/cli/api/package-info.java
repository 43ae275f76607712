/**
 * The submit API as the command line sees it: {@link dev.translation.cli.api.TranslationApi} sends
 * the HTTP requests and turns answers into records, and problem details into {@link
 * dev.translation.cli.api.ApiRejectedException} (4xx) or {@link
 * dev.translation.cli.api.ApiUnavailableException} (unreachable, 5xx). Knows nothing of the command
 * line, its output or its exit codes.
 */
package dev.translation.cli.api;
