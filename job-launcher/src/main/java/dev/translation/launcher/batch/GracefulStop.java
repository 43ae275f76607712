package dev.translation.launcher.batch;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Stops the shard's job after its current chunk, from inside: the step being run is marked
 * terminate-only in memory, which Spring Batch checks before each chunk and ends the step (and the
 * job) STOPPED, restartable. Asking through {@code JobOperator.stop} instead would write the
 * running step's row from a second thread and race the step's own updates (an optimistic locking
 * failure then ends the job FAILED).
 */
public final class GracefulStop implements StepExecutionListener {

  private volatile boolean requested;
  private volatile StepExecution current;

  @Override
  public void beforeStep(StepExecution stepExecution) {
    current = stepExecution;
    if (requested) {
      stepExecution.setTerminateOnly();
    }
  }

  /** Whether a stop was asked for: long tasklets (a retraining) check it between their reports. */
  public boolean requested() {
    return requested;
  }

  /** Asks the running step (and any step after it) to stop before its next chunk. */
  void request() {
    requested = true;
    StepExecution step = current;
    if (step != null) {
      step.setTerminateOnly();
    }
  }
}
