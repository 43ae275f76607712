/**
 * The batch owners' command line, {@code bin/launcher}: launching corpus batches on the job
 * launcher and following them. {@link dev.translation.cli.launcher.LauncherCommand} parses the
 * command line; each subcommand is one or a few calls of {@link
 * dev.translation.cli.launcher.api.LauncherApi}, and {@link
 * dev.translation.cli.launcher.BatchWatcher} waits for a batch. What it shares with {@code
 * bin/translate} (finding the key, exit codes and error printing, the progress display, the
 * process's environment) it takes from {@link dev.translation.cli}.
 */
package dev.translation.cli.launcher;
