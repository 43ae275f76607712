package dev.translation.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of the repository's command lines ({@code bin/translate}, {@code bin/launcher}) run as its
 * own process, as a user runs it, with no terminal and an empty standard input.
 *
 * @param exitCode how it ended
 * @param out its standard output
 * @param err its standard error
 */
record CommandLineRun(int exitCode, String out, String err) {

  /**
   * Runs {@code mainClass} of {@code translate-cli} with {@code arguments} in {@code directory},
   * keeping its output in files under {@code scratch}.
   */
  static CommandLineRun of(
      Path root,
      String mainClass,
      Path directory,
      Path scratch,
      Duration atMost,
      List<String> arguments)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                root.resolve("translate-cli/target/translate-cli.jar")
                    + ":"
                    + root.resolve("translate-cli/target/lib/*"),
                mainClass));
    command.addAll(arguments);
    Path out = Files.createTempFile(scratch, "command", ".out");
    Path err = Files.createTempFile(scratch, "command", ".err");
    Process process =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(File.createTempFile("empty", "")))
            .start();
    assertThat(process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS))
        .as("%s finished", mainClass)
        .isTrue();
    return new CommandLineRun(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
