package dev.translation.launcher.models;

import dev.translation.launcher.launch.BatchExecutor;
import dev.translation.launcher.launch.ExecutionEvents;
import dev.translation.launcher.persistence.ModelJobRepository;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * What executors report about model jobs, and what the launcher does with them on its own: cancel
 * one, and take up the unfinished ones when it starts. The runner records a job's progress, result
 * and success itself; this records failures only the executor sees.
 */
@Component
@Profile("!batch-runner")
public class ModelJobOutcomes implements ExecutionEvents {

  private static final Logger log = LoggerFactory.getLogger(ModelJobOutcomes.class);

  private final ModelJobRepository jobs;

  public ModelJobOutcomes(ModelJobRepository jobs) {
    this.jobs = jobs;
  }

  @Override
  public void attemptFailed(String jobId, int shard, int exitCode, String reason) {
    log.warn("model job {}: attempt failed (exit code {}): {}", jobId, exitCode, reason);
    jobs.attemptFailed(jobId, "an attempt failed and is retried: " + reason);
  }

  @Override
  public void shardFailed(String jobId, int shard, String reason) {
    batchFailed(jobId, reason);
  }

  @Override
  public void batchFailed(String jobId, String reason) {
    if (jobs.finish(jobId, "FAILED", reason)) {
      log.error("model job {} failed: {}", jobId, reason);
    }
  }

  @Override
  public void batchCompleted(String jobId) {
    // The runner ends the job itself (succeeded or rejected); an exit without that is a failure.
    if (jobs.finish(jobId, "FAILED", "the runner ended without recording an outcome")) {
      log.error("model job {}: the runner ended without recording an outcome", jobId);
    }
  }

  /** Cancels a job: its process (or Kubernetes Job) is stopped; what it registered stays. */
  public ModelJob cancel(String jobId, BatchExecutor executor) {
    ModelJob job =
        jobs.find(jobId).orElseThrow(() -> new ModelNotFoundException("no model job " + jobId));
    if (job.finished()) {
      throw new RolloutConflictException(
          "model job " + jobId + " has ended (" + job.status() + ")");
    }
    jobs.finish(jobId, "CANCELLED", "cancelled");
    executor.cancel(jobId);
    return jobs.find(jobId).orElseThrow();
  }

  /** Unfinished model jobs, for the executor to follow again after a launcher restart. */
  public List<ModelJob> unfinished(String executor) {
    return jobs.unfinished(executor);
  }
}
