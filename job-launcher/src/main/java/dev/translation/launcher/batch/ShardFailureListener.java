package dev.translation.launcher.batch;

import dev.translation.launcher.persistence.CorpusBatchRepository;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Records a shard that failed for bad input as failed, with the reason: no retry will change it.
 * Other failures leave the shard running, since its Job (or the local executor) retries it; the
 * launcher records the failure when retries run out.
 */
class ShardFailureListener implements JobExecutionListener {

  private static final Logger log = LoggerFactory.getLogger(ShardFailureListener.class);

  private final CurrentShard current;
  private final CorpusBatchRepository batches;

  ShardFailureListener(CurrentShard current, CorpusBatchRepository batches) {
    this.current = current;
    this.batches = batches;
  }

  @Override
  public void afterJob(JobExecution execution) {
    if (execution.getStatus() != BatchStatus.FAILED) {
      return;
    }
    Optional<BadInputException> badInput =
        BatchRunner.badInput(execution.getAllFailureExceptions());
    ShardAssignment shard = current.assignment();
    if (badInput.isPresent()) {
      log.error(
          "batch {} shard {}: bad input: {}",
          shard.batchId(),
          shard.shard(),
          badInput.get().getMessage());
      try {
        batches.failShard(shard.batchId(), shard.shard(), badInput.get().getMessage());
      } catch (RuntimeException e) {
        log.warn("could not record the shard's failure: {}", e.toString());
      }
    }
  }
}
