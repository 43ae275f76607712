package dev.translation.cli.launcher;

import dev.translation.cli.ExitCode;
import dev.translation.cli.UsageException;
import dev.translation.cli.launcher.api.Batch;
import dev.translation.cli.launcher.api.BatchRequest;
import dev.translation.cli.launcher.api.LauncherApi;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "launch",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Launches a batch and prints its id on standard output (one line, for scripts); how to"
          + " follow it goes to standard error. With --wait, waits for it as 'wait' does.",
      "",
      "Without --format, the format follows INPUT's extension: .txt is text (a segment per"
          + " line), .tsv is tsv, .jsonl is jsonl; a path ending in / or with any other extension"
          + " is a folder of documents.",
      ""
    })
final class LaunchCommand extends LauncherSubcommand {

  static final List<String> FORMATS = List.of("text", "tsv", "jsonl", "documents");
  static final List<String> PRIORITIES = List.of("low", "normal", "high");

  private static final Map<String, String> FORMAT_BY_EXTENSION =
      Map.of("txt", "text", "tsv", "tsv", "jsonl", "jsonl");

  @Parameters(
      paramLabel = "INPUT",
      description =
          "A file or folder below the launcher's input volume, such as corpora/big.txt, or an"
              + " http(s) URL")
  String input;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Where the translations go, below the launcher's output volume (required)")
  String output;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text, tsv, jsonl or documents (default: from INPUT, see above)")
  String format;

  @Option(
      names = "--field",
      paramLabel = "F",
      description =
          "For tsv, the column to translate, by number from 1 or by header name; for jsonl,"
              + " the string field (default: the launcher's)")
  String field;

  @Option(names = "--header", description = "For tsv: the first line is a header, not a segment")
  boolean header;

  @Option(
      names = "--from",
      paramLabel = "LANG",
      defaultValue = "de",
      description = "Source language (default: ${DEFAULT-VALUE})")
  String source;

  @Option(
      names = "--to",
      paramLabel = "LANG",
      defaultValue = "en",
      description = "Target language (default: ${DEFAULT-VALUE})")
  String target;

  @Option(
      names = "--shards",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Parts translated in parallel, each by a process of its own (default: ${DEFAULT-VALUE})")
  int shards;

  @Option(
      names = "--priority",
      paramLabel = "LEVEL",
      defaultValue = "normal",
      description = "low, normal or high, against other batches (default: ${DEFAULT-VALUE})")
  String priority;

  @Option(names = "--wait", description = "Wait for the batch to finish, showing its progress")
  boolean await;

  @Override
  public Integer call() {
    BatchRequest asked = request();
    BatchRequest request =
        new BatchRequest(
            root().inputForLauncher(asked.input()),
            asked.format(),
            asked.field(),
            asked.header(),
            asked.output(),
            asked.source(),
            asked.target(),
            asked.shards(),
            asked.priority());
    LauncherApi api = api();
    Batch batch = api.launch(request);
    out().println(batch.id());
    out().flush();
    display()
        .note(
            "batch "
                + batch.id()
                + " "
                + batch.status()
                + ": "
                + batch.input()
                + " ("
                + batch.format()
                + (format == null ? ", from the extension" : "")
                + ") to "
                + batch.output()
                + ", "
                + batch.shards()
                + (batch.shards() == 1 ? " shard" : " shards"));
    if (await) {
      return watcher(api).await(batch.id());
    }
    display()
        .note("follow it: bin/launcher wait " + batch.id() + " (or show, logs --shard N, cancel)");
    return ExitCode.OK;
  }

  /** The request, checked before anything is sent. */
  BatchRequest request() {
    if (output == null || output.isBlank()) {
      throw new UsageException(
          "--output is required: the folder for the translations, below the launcher's output"
              + " volume, e.g. --output out/big");
    }
    String chosen = format == null ? guessFormat(input) : format.strip().toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(chosen)) {
      throw new UsageException("unknown format " + format + ": use " + String.join(", ", FORMATS));
    }
    if (field != null && !chosen.equals("tsv") && !chosen.equals("jsonl")) {
      throw new UsageException("--field is for tsv and jsonl, not " + chosen);
    }
    if (header && !chosen.equals("tsv")) {
      throw new UsageException("--header is for tsv, not " + chosen);
    }
    if (shards < 1) {
      throw new UsageException("--shards must be 1 or more, not " + shards);
    }
    String level = priority.strip().toLowerCase(Locale.ROOT);
    if (!PRIORITIES.contains(level)) {
      throw new UsageException(
          "unknown priority " + priority + ": use " + String.join(", ", PRIORITIES));
    }
    return new BatchRequest(
        input.strip(),
        chosen,
        field == null || field.isBlank() ? null : field.strip(),
        header,
        output.strip(),
        source,
        target,
        shards,
        level);
  }

  /**
   * The format INPUT's extension stands for: a URL's is its path's, so a query does not count. A
   * folder, or a file the launcher reads as no corpus, is taken for documents.
   */
  static String guessFormat(String input) {
    String path = input.strip();
    if (path.startsWith("http://") || path.startsWith("https://")) {
      try {
        path = URI.create(path).getPath();
      } catch (IllegalArgumentException e) {
        // Not a URI the JDK parses: the launcher will say what is wrong with it.
      }
    }
    if (path == null || path.endsWith("/")) {
      return "documents";
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return FORMAT_BY_EXTENSION.getOrDefault(extension, "documents");
  }
}
