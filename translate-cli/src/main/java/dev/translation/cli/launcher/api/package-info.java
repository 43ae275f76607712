/**
 * The job launcher's REST API as {@code bin/launcher} sees it: {@link
 * dev.translation.cli.launcher.api.LauncherApi} makes the calls over the same {@link
 * dev.translation.cli.api.ApiClient} as the submit API's client, so the key, retries and problem
 * details are handled alike, and turns answers into records. Knows nothing of the command line.
 */
package dev.translation.cli.launcher.api;
