/**
 * The submitters' command line, {@code bin/translate}. {@link dev.translation.cli.TranslateCommand}
 * parses the command line and maps failures to exit codes; {@link
 * dev.translation.cli.InputTranslation} carries out a translate run (files, folders, texts), and
 * the subcommands ({@code status}, {@code result}, {@code download}, {@code cancel}, {@code list})
 * one call each. Everything taken from the process (environment, terminals, clock) comes in through
 * {@link dev.translation.cli.CliEnvironment}, so tests run the commands in-process. The HTTP side
 * is {@link dev.translation.cli.api}.
 */
package dev.translation.cli;
