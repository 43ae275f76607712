package dev.translation.cli.launcher;

import dev.translation.cli.ExitCode;
import dev.translation.cli.ProgressDisplay;
import dev.translation.cli.UsageException;
import dev.translation.cli.launcher.api.Batch;
import dev.translation.cli.launcher.api.BatchPage;
import dev.translation.cli.launcher.api.LauncherApi;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Lists batches, newest first, as a table.")
final class ListBatchesCommand extends LauncherSubcommand {

  private static final List<String> HEADINGS =
      List.of(
          "ID", "STATUS", "SEGMENTS", "%", "SHARDS", "ATTEMPTS", "STARTED", "FINISHED", "OUTPUT");

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "How many of the newest (default: ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--all", description = "Every batch, fetched a page of --limit at a time")
  boolean all;

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new UsageException("--limit must be 1 or more, not " + limit);
    }
    LauncherApi api = api();
    List<Batch> batches = new ArrayList<>();
    BatchPage page = api.list(limit, null);
    batches.addAll(page.batches());
    while (all && page.nextCursor() != null) {
      page = api.list(limit, page.nextCursor());
      batches.addAll(page.batches());
    }
    PrintWriter out = out();
    if (batches.isEmpty()) {
      out.println("no batches");
    } else {
      List<List<String>> rows = new ArrayList<>();
      rows.add(HEADINGS);
      batches.stream().map(ListBatchesCommand::row).forEach(rows::add);
      printTable(rows, out);
    }
    if (!all && page.nextCursor() != null) {
      out.println("older batches: bin/launcher list --all");
    }
    out.flush();
    return ExitCode.OK;
  }

  private static List<String> row(Batch batch) {
    Batch.Progress progress = batch.progress();
    return List.of(
        batch.id(),
        batch.status(),
        progress.segmentsDone() + "/" + progress.segmentsTotal(),
        ProgressDisplay.percent(BatchWatcher.counts(batch)) + "%",
        progress.shardsSucceeded()
            + "/"
            + batch.shards()
            + " done"
            + (progress.shardsFailed() > 0 ? ", " + progress.shardsFailed() + " failed" : ""),
        Integer.toString(batch.attempts()),
        time(batch.startedAt()),
        time(batch.finishedAt()),
        batch.output());
  }
}
