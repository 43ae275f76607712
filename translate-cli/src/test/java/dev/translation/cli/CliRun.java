package dev.translation.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.threeten.extra.MutableClock;
import picocli.CommandLine;

/**
 * Runs the command line in-process with an environment of the test's choosing: its variables,
 * working directory, standard input, terminals and key files, and a clock that a pause moves on
 * instead of sleeping. Runs {@code bin/translate} unless given another command line.
 */
public final class CliRun {

  /** What a run left behind. */
  public record Outcome(int exitCode, String out, String err) {

    public List<String> errLines() {
      return err.isEmpty() ? List.of() : List.of(err.split("\n"));
    }
  }

  private final Path workingDirectory;
  private final Map<String, String> variables = new HashMap<>();
  private final List<Path> keyFiles = new ArrayList<>();
  private final MutableClock clock =
      MutableClock.of(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
  private final List<Duration> pauses = new ArrayList<>();
  private String stdin;
  private boolean stderrIsTerminal;
  private Function<CliEnvironment, CommandLine> command = TranslateCommand::commandLine;

  public CliRun(Path workingDirectory) {
    this.workingDirectory = workingDirectory;
  }

  /** A run against the fake API, with its URL and key in the environment. */
  static CliRun against(FakeTranslationApi api, Path workingDirectory) {
    return new CliRun(workingDirectory)
        .variable(ApiAccess.URL_VARIABLE, api.url().toString())
        .variable(ApiAccess.KEY_VARIABLE, FakeTranslationApi.KEY);
  }

  /** Runs this command line instead of {@code bin/translate}'s. */
  public CliRun command(Function<CliEnvironment, CommandLine> command) {
    this.command = command;
    return this;
  }

  public CliRun variable(String name, String value) {
    variables.put(name, value);
    return this;
  }

  public CliRun withoutVariable(String name) {
    variables.remove(name);
    return this;
  }

  public CliRun keyFile(Path file) {
    keyFiles.add(file);
    return this;
  }

  public CliRun stdin(String text) {
    this.stdin = text;
    return this;
  }

  public CliRun stderrIsTerminal() {
    this.stderrIsTerminal = true;
    return this;
  }

  /** The pauses the command took between polls and retries. */
  public List<Duration> pauses() {
    return List.copyOf(pauses);
  }

  public Outcome run(String... args) {
    CliEnvironment environment =
        new CliEnvironment(
            variables,
            workingDirectory,
            new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)),
            stdin == null,
            stderrIsTerminal,
            keyFiles,
            clock,
            duration -> {
              pauses.add(duration);
              clock.add(duration);
            });
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = command.apply(environment);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Outcome(exitCode, out.toString(), err.toString());
  }
}
