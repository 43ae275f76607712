/**
 * The batch owners' and ML engineers' command line, {@code bin/launcher}: launching corpus batches
 * on the job launcher and following them, and ({@code model ...}) the model registry, its rollouts
 * and the refreshes and retrainings that add versions. {@link
 * dev.translation.cli.launcher.LauncherCommand} parses the command line; each subcommand is one or
 * a few calls of {@link dev.translation.cli.launcher.api.LauncherApi}; {@link
 * dev.translation.cli.launcher.BatchWatcher} waits for a batch and {@link
 * dev.translation.cli.launcher.ModelJobWatcher} for a model job, both polling through {@link
 * dev.translation.cli.launcher.LauncherPolling}. What it shares with {@code bin/translate} (finding
 * the key, exit codes and error printing, the progress display, the process's environment) it takes
 * from {@link dev.translation.cli}.
 */
package dev.translation.cli.launcher;
