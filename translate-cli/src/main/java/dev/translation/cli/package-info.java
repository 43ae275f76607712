/**
 * The submitters' command line, {@code bin/translate}, and what the batch owners' ({@link
 * dev.translation.cli.launcher}) shares with it. {@link dev.translation.cli.TranslateCommand}
 * parses the command line; {@link dev.translation.cli.ExitCode} maps failures to exit codes for
 * both; {@link dev.translation.cli.InputTranslation} carries out a translate run (files, folders,
 * texts), and the subcommands ({@code status}, {@code result}, {@code download}, {@code cancel},
 * {@code list}) one call each. Everything taken from the process (environment, terminals, clock)
 * comes in through {@link dev.translation.cli.CliEnvironment}, so tests run the commands
 * in-process; {@link dev.translation.cli.ApiAccess} finds the API key, {@link
 * dev.translation.cli.ProgressDisplay} shows progress. The HTTP side is {@link
 * dev.translation.cli.api}.
 */
package dev.translation.cli;
