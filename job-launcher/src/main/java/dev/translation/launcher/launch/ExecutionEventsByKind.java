package dev.translation.launcher.launch;

import dev.translation.launcher.models.ModelJobOutcomes;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** What executors report, handed to the corpus batches' or the model jobs' side by the run's id. */
@Component
@Primary
@Profile("!batch-runner")
class ExecutionEventsByKind implements ExecutionEvents {

  private final BatchOutcomes batches;
  private final ModelJobOutcomes models;

  ExecutionEventsByKind(BatchOutcomes batches, ModelJobOutcomes models) {
    this.batches = batches;
    this.models = models;
  }

  private ExecutionEvents of(String id) {
    return RunnerKind.of(id).isModelJob() ? models : batches;
  }

  @Override
  public void attemptFailed(String id, int shard, int exitCode, String reason) {
    of(id).attemptFailed(id, shard, exitCode, reason);
  }

  @Override
  public void shardFailed(String id, int shard, String reason) {
    of(id).shardFailed(id, shard, reason);
  }

  @Override
  public void batchFailed(String id, String reason) {
    of(id).batchFailed(id, reason);
  }

  @Override
  public void batchCompleted(String id) {
    of(id).batchCompleted(id);
  }
}
