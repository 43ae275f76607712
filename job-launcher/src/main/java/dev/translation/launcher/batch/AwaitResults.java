package dev.translation.launcher.batch;

import dev.translation.launcher.persistence.CorpusBatchRepository;
import dev.translation.launcher.persistence.JobCounts;
import dev.translation.launcher.persistence.ShardJobRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Waits until the workers have finished every segment of the shard's job (translated, failed, or
 * cancelled by the batch's owner), reading the job's counters every poll interval. Each look is a
 * short transaction of its own, so a stop request (SIGTERM) is seen within one interval, and the
 * step can be restarted any number of times: it only reads. When Kafka has not taken the shard's
 * messages for {@code kafkaTimeout}, the attempt fails as transient, so the executor's retries (and
 * their limit) apply rather than a wait without end.
 */
public class AwaitResults implements StoppableTasklet {

  private static final Logger log = LoggerFactory.getLogger(AwaitResults.class);
  private static final Duration LOG_EVERY = Duration.ofSeconds(30);

  private final CurrentShard current;
  private final ShardJobRepository jobs;
  private final CorpusBatchRepository batches;
  private final Duration pollInterval;
  private final Duration kafkaTimeout;
  private final Clock clock;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private long lastLog;
  private boolean announced;
  private Instant attemptStart;

  public AwaitResults(
      CurrentShard current,
      ShardJobRepository jobs,
      CorpusBatchRepository batches,
      Duration pollInterval,
      Duration kafkaTimeout,
      Clock clock) {
    this.current = current;
    this.jobs = jobs;
    this.batches = batches;
    this.pollInterval = pollInterval;
    this.kafkaTimeout = kafkaTimeout;
    this.clock = clock;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext)
      throws InterruptedException {
    ShardAssignment shard = current.assignment();
    if (!announced) {
      batches.phase(shard.batchId(), shard.shard(), "await");
      announced = true;
    }
    JobCounts counts = jobs.counts(shard.jobId());
    if (counts.pending() <= 0) {
      jobs.finishIfComplete(shard.jobId());
      log.info(
          "batch {} shard {}: all {} segments finished ({} done, {} failed, {} cancelled)",
          shard.batchId(),
          shard.shard(),
          counts.total(),
          counts.done(),
          counts.failed(),
          counts.cancelled());
      return RepeatStatus.FINISHED;
    }
    if (attemptStart == null) {
      attemptStart = clock.instant();
    }
    // Counted from this attempt's start too: a retry waits its own full time for Kafka.
    Instant waitedSince = clock.instant().minus(kafkaTimeout);
    jobs.oldestUnsentMessage(shard.jobId())
        .filter(
            unsent -> unsent.since().isBefore(waitedSince) && attemptStart.isBefore(waitedSince))
        .ifPresent(
            unsent -> {
              throw new KafkaUnavailableException(
                  "Kafka has not taken this shard's messages for "
                      + kafkaTimeout.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                      + (unsent.lastError() == null
                          ? ""
                          : " (last error: " + unsent.lastError() + ")")
                      + "; a retry resumes waiting, and the messages are sent once Kafka is back");
            });
    long now = System.nanoTime();
    if (now - lastLog > LOG_EVERY.toNanos()) {
      lastLog = now;
      log.info(
          "batch {} shard {}: {} of {} segments finished",
          shard.batchId(),
          shard.shard(),
          counts.total() - counts.pending(),
          counts.total());
    }
    if (stopped.await(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
      // Stopping: the next look at the job execution's status ends the step as STOPPED.
      return RepeatStatus.CONTINUABLE;
    }
    return RepeatStatus.CONTINUABLE;
  }

  @Override
  public void stop(StepExecution stepExecution) {
    stopped.countDown();
  }

  /** Not called by Spring Batch 6, which calls {@link #stop(StepExecution)}. */
  @Override
  @SuppressWarnings("removal")
  public void stop() {
    stopped.countDown();
  }

  /** Kafka does not take the shard's messages: a transient failure, worth a retry. */
  static final class KafkaUnavailableException extends RuntimeException {
    KafkaUnavailableException(String message) {
      super(message);
    }
  }
}
