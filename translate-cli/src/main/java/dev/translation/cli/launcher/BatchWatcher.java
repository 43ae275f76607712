package dev.translation.cli.launcher;

import dev.translation.cli.ExitCode;
import dev.translation.cli.ProgressDisplay;
import dev.translation.cli.SegmentProgress;
import dev.translation.cli.api.ApiUnavailableException;
import dev.translation.cli.api.Pause;
import dev.translation.cli.launcher.api.Batch;
import dev.translation.cli.launcher.api.LauncherApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Waits for a batch by polling {@code GET /v1/batches/{id}}, shows its progress, and says how it
 * ended. A batch runs for hours, so a launcher that is briefly unreachable (restarted, redeployed)
 * does not end the wait: polling goes on for up to {@link #UNREACHABLE_LIMIT} before giving up.
 */
final class BatchWatcher {

  static final Duration FIRST_INTERVAL = Duration.ofSeconds(1);
  static final Duration INTERVAL = Duration.ofSeconds(2);
  static final Duration UNREACHABLE_LIMIT = Duration.ofMinutes(5);

  private final LauncherApi api;
  private final Pause pause;
  private final Clock clock;
  private final ProgressDisplay display;

  BatchWatcher(LauncherApi api, Pause pause, Clock clock, ProgressDisplay display) {
    this.api = api;
    this.pause = pause;
    this.clock = clock;
    this.display = display;
  }

  /**
   * Polls until the batch has finished, then reports its reason and output.
   *
   * @return the exit code for how it ended
   */
  int await(String id) {
    String label = "batch " + id;
    Duration interval = FIRST_INTERVAL;
    Instant unreachableSince = null;
    while (true) {
      Batch batch;
      try {
        batch = api.batch(id);
        unreachableSince = null;
      } catch (ApiUnavailableException e) {
        Instant now = clock.instant();
        if (unreachableSince == null) {
          unreachableSince = now;
          display.message(
              e.getMessage()
                  + "; trying again for up to "
                  + UNREACHABLE_LIMIT.toMinutes()
                  + " minutes");
        } else if (!now.isBefore(unreachableSince.plus(UNREACHABLE_LIMIT))) {
          throw e;
        }
        sleep(interval);
        interval = INTERVAL;
        continue;
      }
      SegmentProgress counts = counts(batch);
      if (batch.finished()) {
        display.finish(label, status(batch), counts);
        return report(batch);
      }
      display.update(label, status(batch), counts);
      sleep(interval);
      interval = INTERVAL;
    }
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

  private void sleep(Duration duration) {
    try {
      pause.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the batch", e);
    }
  }
}
