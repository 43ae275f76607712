package dev.translation.cli;

import dev.translation.cli.api.TranslationApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The submitters' command line: files, folders and texts to the API, translations back. */
@Command(
    name = "translate",
    mixinStandardHelpOptions = true,
    version = "translate 0.1.0",
    sortOptions = false,
    usageHelpAutoWidth = true,
    synopsisSubcommandLabel = "[COMMAND]",
    description = {
      "Translates files, folders and texts through the translation API.",
      "",
      "An argument that names an existing file is translated as a document, written next to"
          + " it under the name the API gives it: report.docx becomes report.en.docx (a PDF comes back as a DOCX). A folder stands for"
          + " the files directly in it with a supported extension (txt md html htm docx pptx xlsx"
          + " srt vtt xlf xliff pdf), except earlier translations (*.en.* for --to en) and files"
          + " whose translation exists already. Any other argument is a text to translate"
          + " (put -- before texts that start with -). Texts' translations go to standard output,"
          + " one per text, in order.",
      "",
      "With no arguments, standard input is read: each line is one text, and each output line"
          + " is its translation (an empty line for a line that could not be translated, with the"
          + " reason on standard error). Larger texts are better sent as a file.",
      "",
      "Progress goes to standard error: a bar on a terminal, a line now and then otherwise.",
      ""
    },
    subcommands = {
      StatusCommand.class,
      ResultCommand.class,
      DownloadCommand.class,
      CancelCommand.class,
      ListCommand.class
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  TRANSLATION_API_URL  the API's address when --api-url is not given",
      "                       (default: http://localhost:8080)",
      "  TRANSLATION_API_KEY  the API key when --api-key is not given. For an API",
      "                       on this machine, local mode's key file",
      "                       data/local/api-key.txt (in the current folder, then",
      "                       in this checkout) is read last."
    })
public final class TranslateCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "FILE|FOLDER|TEXT",
      arity = "0..*",
      description = "Files, folders and texts to translate (see above)")
  List<String> inputs = new ArrayList<>();

  @Option(
      names = "--to",
      paramLabel = "LANG",
      description = "Target language, e.g. en (required to translate)")
  String target;

  @Option(
      names = "--from",
      paramLabel = "LANG",
      defaultValue = "de",
      description = "Source language (default: ${DEFAULT-VALUE})")
  String source;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "PATH",
      description = "Where the one file's translation goes (default: next to it)")
  String output;

  @Option(names = "--force", description = "Overwrite existing translations")
  boolean force;

  @Option(
      names = "--no-wait",
      description =
          "Submit only, and print each job's id (and a file job's file, after a tab); fetch the"
              + " results later with 'result' or 'download'")
  boolean noWait;

  @Option(
      names = "--priority",
      paramLabel = "LANE",
      description = "interactive or batch (default: the API decides by size)")
  String priority;

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description = "No progress, and no notes of what was written; errors are still shown")
  boolean quiet;

  @Option(
      names = "--api-url",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = "The API's address (default: $TRANSLATION_API_URL, else http://localhost:8080)")
  String apiUrl;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      scope = ScopeType.INHERIT,
      description = "The API key (default: $TRANSLATION_API_KEY, else local mode's key file)")
  String apiKey;

  @Spec CommandSpec spec;

  private final CliEnvironment environment;
  private ProgressDisplay display;

  TranslateCommand(CliEnvironment environment) {
    this.environment = environment;
  }

  public static void main(String[] args) {
    System.exit(commandLine(CliEnvironment.system()).execute(args));
  }

  /**
   * The command line with its subcommands and error handling: a failure prints one line saying what
   * is wrong (for the API's refusals, its own problem detail) and exits with its {@link ExitCode},
   * never with a stack trace.
   */
  static CommandLine commandLine(CliEnvironment environment) {
    TranslateCommand root = new TranslateCommand(environment);
    CommandLine commandLine = new CommandLine(root);
    ExitCode.applyTo(commandLine, ExitCode.HELP, root::display);
    return commandLine;
  }

  @Override
  public Integer call() throws IOException {
    if (target == null || target.isBlank()) {
      throw new UsageException("--to is required: the language to translate into, e.g. --to en");
    }
    Inputs resolved = Inputs.of(inputs, environment.workingDirectory(), target, display()::message);
    if (inputs.isEmpty()) {
      resolved = new Inputs(List.of(), standardInputLines(), false);
    }
    if (output != null && (resolved.documents().size() != 1 || resolved.folders())) {
      throw new UsageException(
          "-o/--output names the translation of one file; texts print to standard output");
    }
    Path outputPath = output == null ? null : environment.workingDirectory().resolve(output);
    TranslationApi api = api();
    return new InputTranslation(
            api,
            watcher(api),
            display(),
            out(),
            environment,
            new InputTranslation.Settings(source, target, priority, outputPath, force, noWait))
        .run(resolved);
  }

  private List<String> standardInputLines() {
    if (environment.stdinIsTerminal()) {
      throw new UsageException(
          "nothing to translate: name files, folders or texts, or pipe text in (translate --help)");
    }
    List<String> lines;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(environment.stdin(), StandardCharsets.UTF_8))) {
      lines = reader.lines().toList();
    } catch (IOException | UncheckedIOException e) {
      throw new UsageException("cannot read standard input: " + e.getMessage());
    }
    if (lines.isEmpty()) {
      throw new UsageException("nothing to translate: standard input is empty");
    }
    return lines;
  }

  CliEnvironment environment() {
    return environment;
  }

  /** A client with the address and key from the options, environment or key file. */
  TranslationApi api() {
    ApiAccess access =
        ApiAccess.resolve(
            ApiAccess.SUBMIT_API, apiUrl, apiKey, environment.variables(), environment.keyFiles());
    return new TranslationApi(access.url(), access.key(), environment.pause(), display()::message);
  }

  JobWatcher watcher(TranslationApi api) {
    return new JobWatcher(api, environment.pause(), display());
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
