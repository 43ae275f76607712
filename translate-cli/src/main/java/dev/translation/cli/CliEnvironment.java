package dev.translation.cli;

import dev.translation.cli.api.Pause;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the commands take from the process around them, in one place so that tests run them
 * in-process with their own: environment variables, working directory, standard input, whether
 * standard input and error are terminals, where a local-mode API key may be, and the clock.
 *
 * @param variables environment variables
 * @param workingDirectory what relative paths are relative to (absolute)
 * @param stdin standard input
 * @param stdinIsTerminal whether standard input is a terminal (then it is not read for texts)
 * @param stderrIsTerminal whether standard error is a terminal (then progress redraws one line)
 * @param keyFiles local-mode API key files, first found wins
 * @param clock for progress and its estimate
 * @param pause how to wait between polls
 */
public record CliEnvironment(
    Map<String, String> variables,
    Path workingDirectory,
    InputStream stdin,
    boolean stdinIsTerminal,
    boolean stderrIsTerminal,
    List<Path> keyFiles,
    Clock clock,
    Pause pause) {

  /** Where local mode writes its key, relative to the folder it runs in (the repository root). */
  static final Path LOCAL_MODE_KEY_FILE = Path.of("data", "local", "api-key.txt");

  /**
   * Set by {@code bin/translate} and {@code bin/launcher}, which can ask the shell what the JVM
   * cannot: {@code [ -t 2 ]}.
   */
  static final String STDIN_TERMINAL_PROPERTY = "translate.stdin.terminal";

  static final String STDERR_TERMINAL_PROPERTY = "translate.stderr.terminal";

  public CliEnvironment {
    variables = Map.copyOf(variables);
    keyFiles = List.copyOf(keyFiles);
  }

  /** This process's. */
  public static CliEnvironment system() {
    Path workingDirectory = Path.of("").toAbsolutePath();
    List<Path> keyFiles = new ArrayList<>();
    keyFiles.add(workingDirectory.resolve(LOCAL_MODE_KEY_FILE));
    repositoryRoot()
        .map(root -> root.resolve(LOCAL_MODE_KEY_FILE))
        .filter(file -> !keyFiles.contains(file))
        .ifPresent(keyFiles::add);
    // Without the launcher's word, the JVM's console is the best guess; it answers for standard
    // input and output together.
    boolean console = System.console() != null && System.console().isTerminal();
    return new CliEnvironment(
        System.getenv(),
        workingDirectory,
        System.in,
        terminal(STDIN_TERMINAL_PROPERTY, console),
        terminal(STDERR_TERMINAL_PROPERTY, console),
        keyFiles,
        Clock.systemUTC(),
        Pause.THREAD_SLEEP);
  }

  /** A path as the user would write it: relative to the working directory when inside it. */
  String shown(Path path) {
    return path.startsWith(workingDirectory)
        ? workingDirectory.relativize(path).toString()
        : path.toString();
  }

  private static boolean terminal(String property, boolean guess) {
    String value = System.getProperty(property);
    return value == null ? guess : Boolean.parseBoolean(value);
  }

  /** The checkout this command line runs from, when it runs from its build output. */
  private static Optional<Path> repositoryRoot() {
    try {
      Path location =
          Path.of(CliEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return repositoryRoot(location);
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return Optional.empty();
    }
  }

  /**
   * The repository root of a jar or class folder in {@code translate-cli/target/}, e.g. {@code
   * /src/translate-cli/target/translate-cli.jar} is in {@code /src}.
   */
  static Optional<Path> repositoryRoot(Path codeLocation) {
    Path target = codeLocation.toAbsolutePath().getParent();
    if (target == null || target.getFileName() == null || target.getParent() == null) {
      return Optional.empty();
    }
    Path module = target.getParent();
    if (target.getFileName().toString().equals("target")
        && module.getFileName() != null
        && module.getFileName().toString().equals("translate-cli")
        && module.getParent() != null) {
      return Optional.of(module.getParent());
    }
    return Optional.empty();
  }
}
