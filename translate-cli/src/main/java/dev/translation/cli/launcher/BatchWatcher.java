package dev.translation.cli.launcher;

import dev.translation.cli.ExitCode;
import dev.translation.cli.ProgressDisplay;
import dev.translation.cli.SegmentProgress;
import dev.translation.cli.api.Pause;
import dev.translation.cli.launcher.api.Batch;
import dev.translation.cli.launcher.api.LauncherApi;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Waits for a batch by polling {@code GET /v1/batches/{id}} (through {@link LauncherPolling}, which
 * rides out a launcher briefly unreachable), shows its progress, and says how it ended.
 */
final class BatchWatcher {

  private final LauncherApi api;
  private final LauncherPolling polling;
  private final ProgressDisplay display;

  BatchWatcher(LauncherApi api, Pause pause, Clock clock, ProgressDisplay display) {
    this.api = api;
    this.polling = new LauncherPolling(pause, clock, display);
    this.display = display;
  }

  /**
   * Polls until the batch has finished, then reports its reason and output.
   *
   * @return the exit code for how it ended
   */
  int await(String id) {
    String label = "batch " + id;
    Batch batch =
        polling.until(
            () -> api.batch(id),
            Batch::finished,
            running -> display.update(label, status(running), counts(running)),
            "the batch");
    display.finish(label, status(batch), counts(batch));
    return report(batch);
  }

  /** The exit code of a finished batch's status. */
  static int exitCode(Batch batch) {
    return switch (batch.status()) {
      case Batch.SUCCEEDED -> ExitCode.OK;
      case Batch.PARTIALLY_FAILED -> ExitCode.BATCH_PARTIALLY_FAILED;
      case Batch.FAILED -> ExitCode.BATCH_FAILED;
      case Batch.CANCELLED -> ExitCode.BATCH_CANCELLED;
      default -> throw new IllegalArgumentException("batch " + batch.id() + " has not finished");
    };
  }

  static SegmentProgress counts(Batch batch) {
    Batch.Progress progress = batch.progress();
    return new SegmentProgress(
        progress.segmentsTotal(), progress.segmentsDone(), progress.segmentsFailed(), 0);
  }

  /**
   * The status with its shards: how many of them are done, and what the running ones do, e.g.
   * {@code running, shards 1/2 done, phase await}.
   */
  static String status(Batch batch) {
    Batch.Progress progress = batch.progress();
    StringBuilder status =
        new StringBuilder(batch.status())
            .append(", shards ")
            .append(progress.shardsSucceeded())
            .append('/')
            .append(batch.shards())
            .append(" done");
    if (progress.shardsFailed() > 0) {
      status.append(", ").append(progress.shardsFailed()).append(" failed");
    }
    List<String> phases =
        batch.shardStates().stream()
            .filter(shard -> "running".equals(shard.status()))
            .map(Batch.ShardState::phase)
            .filter(Objects::nonNull)
            .distinct()
            .toList();
    if (!batch.finished() && !phases.isEmpty()) {
      status.append(", phase ").append(String.join("/", phases));
    }
    return status.toString();
  }

  private int report(Batch batch) {
    String ended =
        "batch "
            + batch.id()
            + " "
            + batch.status()
            + (batch.reason() == null || batch.reason().isBlank() ? "" : ": " + batch.reason());
    String output = "output: " + batch.output() + " (on the launcher's output volume)";
    int code = exitCode(batch);
    if (code == ExitCode.OK) {
      display.note(ended);
      display.note(output);
    } else {
      display.message(ended);
      display.message(output);
    }
    return code;
  }
}
