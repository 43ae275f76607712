package dev.translation.cli.launcher;

import dev.translation.cli.ExitCode;
import dev.translation.cli.ProgressDisplay;
import dev.translation.cli.launcher.api.Batch;
import dev.translation.cli.launcher.api.LauncherApi;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Shows a batch: status and reason, input and output, progress, each shard, and once it"
            + " has finished, its summary.")
final class ShowBatchCommand extends LauncherSubcommand {

  /** Problems and failed segments listed; {@code --json} has all the launcher keeps. */
  static final int LISTED = 5;

  @Parameters(paramLabel = "ID", description = "The batch's id")
  String id;

  @Option(names = "--json", description = "Print the batch as the launcher answered, in JSON")
  boolean json;

  @Override
  public Integer call() {
    LauncherApi api = api();
    PrintWriter out = out();
    if (json) {
      String body = api.batchJson(id);
      out.print(body.endsWith("\n") ? body : body + "\n");
      out.flush();
      return ExitCode.OK;
    }
    Batch batch = api.batch(id);
    Batch.Progress progress = batch.progress();
    field(out, "batch", batch.id());
    field(out, "status", batch.status());
    if (batch.reason() != null && !batch.reason().isBlank()) {
      field(out, "reason", batch.reason());
    }
    field(out, "input", batch.input() + " (" + shape(batch) + ")");
    field(out, "output", batch.output());
    field(out, "languages", batch.source() + " -> " + batch.target());
    field(out, "priority", batch.priority());
    field(out, "executor", batch.executor());
    field(
        out,
        "progress",
        progress.segmentsDone()
            + "/"
            + progress.segmentsTotal()
            + " segments translated ("
            + ProgressDisplay.percent(BatchWatcher.counts(batch))
            + "%)"
            + (progress.segmentsFailed() > 0 ? ", " + progress.segmentsFailed() + " failed" : "")
            + "; "
            + items(progress.itemsRead(), progress.itemsTotal()));
    field(
        out,
        "shards",
        batch.shards()
            + ": "
            + progress.shardsSucceeded()
            + " succeeded, "
            + progress.shardsFailed()
            + " failed, "
            + progress.shardsRunning()
            + " running");
    field(out, "attempts", Integer.toString(batch.attempts()));
    field(out, "created", time(batch.createdAt()));
    field(out, "started", time(batch.startedAt()));
    field(out, "finished", time(batch.finishedAt()));
    for (Batch.ShardState shard : batch.shardStates()) {
      field(out, "shard " + shard.index(), shard(shard));
      if (shard.reason() != null && !shard.reason().isBlank()) {
        field(out, "", "reason: " + shard.reason());
      }
    }
    if (batch.summary() != null) {
      summary(out, batch);
    }
    out.flush();
    return ExitCode.OK;
  }

  private static void summary(PrintWriter out, Batch batch) {
    Batch.Summary summary = batch.summary();
    Batch.Summary.SegmentCounts segments = summary.segments();
    field(
        out,
        "summary",
        summary.items()
            + " items, "
            + segments.translated()
            + " of "
            + segments.total()
            + " segments translated ("
            + segments.fromMemory()
            + " from memory), "
            + segments.failed()
            + " failed"
            + (segments.cancelled() > 0 ? ", " + segments.cancelled() + " cancelled" : "")
            + String.format(Locale.ROOT, ", %.1f s", summary.wallSeconds()));
    List<Batch.Summary.Problem> problems = summary.problems();
    problems.stream()
        .limit(LISTED)
        .forEach(problem -> field(out, "problem", problem.item() + ": " + problem.reason()));
    more(out, batch, problems.size());
    List<Batch.Summary.FailedSegment> failed = summary.failedSegments();
    failed.stream()
        .limit(LISTED)
        .forEach(
            segment ->
                field(
                    out,
                    "failed",
                    segment.item() + " \"" + segment.source() + "\": " + segment.reason()));
    more(out, batch, failed.size());
  }

  private static void more(PrintWriter out, Batch batch, int listed) {
    if (listed > LISTED) {
      field(
          out,
          "",
          "and " + (listed - LISTED) + " more: bin/launcher show " + batch.id() + " --json");
    }
  }

  /** The input's format and how it is read, e.g. {@code tsv, field 2, header}. */
  private static String shape(Batch batch) {
    return batch.format()
        + (batch.field() == null ? "" : ", field " + batch.field())
        + (batch.header() ? ", header" : "");
  }

  private static String shard(Batch.ShardState shard) {
    return shard.status()
        + ("running".equals(shard.status()) && shard.phase() != null
            ? ", phase " + shard.phase()
            : "")
        + ": "
        + shard.segmentsDone()
        + "/"
        + shard.segmentsTotal()
        + " segments"
        + (shard.segmentsFailed() > 0 ? ", " + shard.segmentsFailed() + " failed" : "")
        + ", "
        + items(shard.itemsRead(), shard.itemsTotal())
        + ", "
        + shard.attempts()
        + (shard.attempts() == 1 ? " attempt" : " attempts")
        + (shard.jobId() == null ? "" : ", job " + shard.jobId());
  }

  private static String items(long read, Long total) {
    return read + (total == null ? "" : "/" + total) + " items read";
  }
}
