package dev.translation.launcher.launch;

import dev.translation.launcher.corpus.BatchPriority;
import dev.translation.launcher.models.ModelJob;
import dev.translation.launcher.models.ModelJobOutcomes;
import dev.translation.launcher.persistence.CorpusBatchRepository;
import dev.translation.launcher.persistence.StoredBatch;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When the launcher starts, its executor takes up the batches it was running before: they may still
 * run (a Job), have ended meanwhile, or need starting again (local processes end with the launcher,
 * and resume from their last committed chunk).
 */
@Component
@Profile("!batch-runner")
class ReattachOnStart {

  private static final Logger log = LoggerFactory.getLogger(ReattachOnStart.class);

  private final CorpusBatchRepository batches;
  private final BatchExecutor executor;
  private final LaunchBatch launches;
  private final ModelJobOutcomes modelJobs;

  ReattachOnStart(
      CorpusBatchRepository batches,
      BatchExecutor executor,
      LaunchBatch launches,
      ModelJobOutcomes modelJobs) {
    this.batches = batches;
    this.executor = executor;
    this.launches = launches;
    this.modelJobs = modelJobs;
  }

  @EventListener(ApplicationReadyEvent.class)
  void reattach() {
    List<StoredBatch> unfinished = batches.unfinished(executor.name());
    List<ModelJob> unfinishedModelJobs = modelJobs.unfinished(executor.name());
    if (!unfinished.isEmpty() || !unfinishedModelJobs.isEmpty()) {
      log.info(
          "taking up {} unfinished batches and {} model jobs",
          unfinished.size(),
          unfinishedModelJobs.size());
    }
    List<LaunchedBatch> runs = new java.util.ArrayList<>();
    unfinished.forEach(b -> runs.add(LaunchedBatch.of(b.batch(), b.priority(), launches.limits())));
    unfinishedModelJobs.forEach(
        job -> runs.add(new LaunchedBatch(job.id(), 1, BatchPriority.NORMAL, launches.limits())));
    executor.reattach(runs);
  }
}
