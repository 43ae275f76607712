package dev.translation.cli.launcher;

import dev.translation.cli.ApiAccess;
import dev.translation.cli.CliEnvironment;
import dev.translation.cli.ExitCode;
import dev.translation.cli.ProgressDisplay;
import dev.translation.cli.UsageException;
import dev.translation.cli.launcher.api.LauncherApi;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The batch owners' command line: corpus batches launched on the job launcher and followed there,
 * for corpora too big for {@code bin/translate}'s one request per file; and the ML engineers':
 * model versions refreshed, retrained and rolled out ({@code model ...}).
 */
@Command(
    name = "launcher",
    mixinStandardHelpOptions = true,
    version = "launcher 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    synopsisSubcommandLabel = "COMMAND",
    description = {
      "Launches corpus batches on the job launcher and follows them: a whole corpus (plain"
          + " text, TSV or JSONL) or a folder of documents, translated by Kubernetes Jobs or"
          + " local processes. Paths are the launcher's: below its input and output volumes.",
      "'model' manages the model versions that translate: refreshes and retrainings, checked by"
          + " a gate, and their rollout (promote, canary, rollback).",
      ""
    },
    subcommands = {
      LaunchCommand.class,
      ListBatchesCommand.class,
      ShowBatchCommand.class,
      WaitCommand.class,
      CancelBatchCommand.class,
      LogsCommand.class,
      ModelCommand.class
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  TRANSLATION_LAUNCHER_URL  the launcher's address when --url is not given",
      "                            (default: http://localhost:8090)",
      "  TRANSLATION_API_KEY       the API key when --api-key is not given. For a",
      "                            launcher on this machine, local mode's key file",
      "                            data/local/api-key.txt (in the current folder,",
      "                            then in this checkout) is read last."
    })
public final class LauncherCommand implements Callable<Integer> {

  static final ApiAccess.Service LAUNCHER =
      new ApiAccess.Service("TRANSLATION_LAUNCHER_URL", URI.create("http://localhost:8090"));

  @Option(
      names = "--url",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description =
          "The launcher's address (default: $TRANSLATION_LAUNCHER_URL, else http://localhost:8090)")
  String url;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      scope = ScopeType.INHERIT,
      description = "The API key (default: $TRANSLATION_API_KEY, else local mode's key file)")
  String apiKey;

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description =
          "No progress and no notes; errors and how a batch or model job ended are still shown")
  boolean quiet;

  @Spec CommandSpec spec;

  private final CliEnvironment environment;
  private ProgressDisplay display;

  LauncherCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    System.exit(commandLine(CliEnvironment.system()).execute(args));
  }

  /** The command line with its subcommands, failing as {@code bin/translate} does. */
  static CommandLine commandLine(CliEnvironment environment) {
    LauncherCommand root = new LauncherCommand(environment);
    CommandLine commandLine = new CommandLine(root);
    ExitCode.applyTo(commandLine, ExitCode.LAUNCHER_HELP, root::display);
    return commandLine;
  }

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "name a command: launch, list, show, wait, cancel, logs or model");
  }

  /** The address and key from the options, environment or key file. */
  ApiAccess access() {
    return ApiAccess.resolve(
        LAUNCHER, url, apiKey, environment.variables(), environment.keyFiles());
  }

  /** A client with the address and key from the options, environment or key file. */
  LauncherApi api() {
    ApiAccess access = access();
    return new LauncherApi(access.url(), access.key(), environment.pause(), display()::message);
  }

  /**
   * An input as the launcher should read it: a path that exists here, relative to the working
   * directory, becomes absolute when the launcher runs on this machine (local mode reads inputs
   * below {@code /}); anything else is the launcher's own path or a URL, sent as given.
   */
  String inputForLauncher(String input) {
    String given = input.strip();
    if (given.startsWith("http://") || given.startsWith("https://") || !access().onThisMachine()) {
      return given;
    }
    java.nio.file.Path local = environment.workingDirectory().resolve(given).normalize();
    return java.nio.file.Files.exists(local) ? local.toString() : given;
  }

  /**
   * A model bundle's address as the launcher takes it: a URI ({@code file:}, {@code https:}) as
   * given; a plain path as a {@code file:} URI, an absolute one as it is, a relative one from the
   * working directory when the launcher runs on this machine (elsewhere it could only guess).
   */
  String bundleForLauncher(String bundle) {
    String given = bundle.strip();
    if (given.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) {
      return given;
    }
    java.nio.file.Path path = java.nio.file.Path.of(given);
    if (!path.isAbsolute()) {
      if (!access().onThisMachine()) {
        throw new UsageException(
            "the launcher at "
                + access().url()
                + " cannot know where "
                + given
                + " is: give its absolute path there, or a file: or https: URI");
      }
      path = environment.workingDirectory().resolve(path);
    }
    return path.normalize().toUri().toString();
  }

  ModelJobWatcher modelWatcher(LauncherApi api) {
    return new ModelJobWatcher(api, environment.pause(), environment.clock(), display());
  }

  BatchWatcher watcher(LauncherApi api) {
    return new BatchWatcher(api, environment.pause(), environment.clock(), display());
  }

  ProgressDisplay display() {
    if (display == null) {
      display =
          ProgressDisplay.of(
              environment.stderrIsTerminal(),
              quiet,
              spec.commandLine().getErr(),
              environment.clock());
    }
    return display;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
