package dev.translation.launcher.launch;

import java.util.List;
import java.util.Optional;

/**
 * Runs a batch's shards: each shard is the batch runner ({@code --run --batch-id=ID} with {@code
 * JOB_COMPLETION_INDEX}) retried within the batch's {@link LaunchedBatch.RetryLimits}. On a cluster
 * that is a Kubernetes Job; in local mode, child processes. Which one runs is configuration ({@code
 * translation.launcher.executor}).
 *
 * <p>An executor reports what only it can see (a shard out of retries, a bad-input exit, a
 * deadline, a Job that vanished) through {@link ExecutionEvents}; what the runner itself knows
 * (progress, a shard's success, the batch's outputs) the runner records in the database.
 */
public interface BatchExecutor {

  /** The executor's name as stored with each batch: {@code LOCAL} or {@code KUBERNETES}. */
  String name();

  /** Starts the batch's shards and returns at once. */
  void launch(LaunchedBatch batch);

  /**
   * Stops whatever of the batch still runs (a Job is deleted with its pods; processes are
   * terminated), and returns once that has been asked for. Cancelling a batch that runs nothing is
   * not an error.
   */
  void cancel(String batchId);

  /**
   * Called once at the launcher's start with the batches this executor was running when the
   * launcher stopped: it follows them again (and reports how they ended, even if they ended while
   * the launcher was down).
   */
  void reattach(List<LaunchedBatch> unfinished);

  /**
   * The last lines of a shard's log (its current or latest attempt), if it has one.
   *
   * @param tailLines how many lines from the end
   */
  Optional<String> log(String batchId, int shard, int tailLines);
}
