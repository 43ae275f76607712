package dev.translation.cli.launcher;

import dev.translation.cli.ExitCode;
import dev.translation.cli.ProgressDisplay;
import dev.translation.cli.api.Pause;
import dev.translation.cli.launcher.api.LauncherApi;
import dev.translation.cli.launcher.api.ModelJob;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Waits for a model refresh or retraining by polling {@code GET /v1/model-jobs/{id}}, shows its
 * phase (and while it trains, its steps, loss, speed and time left), and says how it ended.
 */
final class ModelJobWatcher {

  private final LauncherApi api;
  private final LauncherPolling polling;
  private final ProgressDisplay display;

  ModelJobWatcher(LauncherApi api, Pause pause, Clock clock, ProgressDisplay display) {
    this.api = api;
    this.polling = new LauncherPolling(pause, clock, display);
    this.display = display;
  }

  /**
   * Polls until the job has finished, then reports what it registered or why it did not.
   *
   * @return the exit code for how it ended
   */
  int await(String id) {
    ModelJob job =
        polling.until(
            () -> api.modelJob(id),
            ModelJob::finished,
            running -> display.updateLine(running.status() + " " + running.phase(), line(running)),
            "the model job");
    display.finishLine(line(job));
    return report(job);
  }

  /** The exit code of a finished job's status. */
  static int exitCode(ModelJob job) {
    return switch (job.status()) {
      case ModelJob.SUCCEEDED -> ExitCode.OK;
      case ModelJob.REJECTED -> ExitCode.MODEL_REJECTED;
      case ModelJob.FAILED -> ExitCode.MODEL_JOB_FAILED;
      case ModelJob.CANCELLED -> ExitCode.MODEL_JOB_CANCELLED;
      default -> throw new IllegalArgumentException("model job " + job.id() + " has not finished");
    };
  }

  /**
   * The job's progress in a line, e.g. {@code model job retrain-x: RUNNING, phase train, step
   * 300/1000 (30%), loss 2.412, 1850 tokens/s, ETA 6m10s}.
   */
  static String line(ModelJob job) {
    StringBuilder line = new StringBuilder("model job ").append(job.id()).append(": ");
    line.append(job.status());
    if (!job.finished() && job.phase() != null) {
      line.append(", phase ").append(job.phase());
      if ("train".equals(job.phase()) && job.progress() != null) {
        line.append(", ").append(training(job.progress()));
      }
    }
    return line.toString();
  }

  /** Steps, loss, speed and time left, as far as the trainer has reported them. */
  static String training(ModelJob.Progress progress) {
    StringBuilder text =
        new StringBuilder("step ").append(progress.step()).append('/').append(progress.maxSteps());
    if (progress.maxSteps() > 0) {
      text.append(" (").append(100 * progress.step() / progress.maxSteps()).append("%)");
    }
    if (progress.loss() != null) {
      text.append(", loss ").append(String.format(Locale.ROOT, "%.3f", progress.loss()));
    }
    if (progress.tokensPerSecond() != null) {
      text.append(", ").append(Math.round(progress.tokensPerSecond())).append(" tokens/s");
    }
    if (progress.etaSeconds() != null) {
      text.append(", ETA ").append(ProgressDisplay.eta(Duration.ofSeconds(progress.etaSeconds())));
    }
    return text.toString();
  }

  private int report(ModelJob job) {
    String ended =
        "model job "
            + job.id()
            + " "
            + job.status()
            + (job.reason() == null || job.reason().isBlank() ? "" : ": " + job.reason());
    int code = exitCode(job);
    if (code == ExitCode.OK) {
      display.note(ended);
      if (job.modelId() != null) {
        Object rollout = job.result().get("rollout");
        display.note("registered " + job.modelId() + (rollout == null ? "" : ": " + rollout));
      }
    } else {
      display.message(ended);
      display.message("scores and gate: bin/launcher model job " + job.id());
    }
    return code;
  }
}
