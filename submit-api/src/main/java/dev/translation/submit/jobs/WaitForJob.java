package dev.translation.submit.jobs;

import dev.translation.contracts.JobStatus;
import dev.translation.submit.config.ApiProperties;
import dev.translation.submit.messaging.JobCompletions;
import dev.translation.submit.persistence.SubmittedJobRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Service;

/**
 * Lets a request wait for a job to finish ({@code ?wait}). Woken by the worker's announcement that
 * it finished the job ({@link JobCompletions}); the database is read once at the start, on each
 * wake-up, and every {@code fallback-poll} in case an announcement was lost.
 */
@Service
public class WaitForJob {

  private final SubmittedJobRepository jobs;
  private final JobCompletions completions;
  private final Duration fallbackPoll;
  private final Clock clock;

  public WaitForJob(
      SubmittedJobRepository jobs,
      JobCompletions completions,
      ApiProperties properties,
      Clock clock) {
    this.jobs = jobs;
    this.completions = completions;
    this.fallbackPoll = properties.await().fallbackPoll();
    this.clock = clock;
  }

  /**
   * Waits up to {@code timeout} for the job to reach a terminal status.
   *
   * @return whether it finished in time
   */
  public boolean awaitFinished(String jobId, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    // Watch before the first read, so an announcement between the two is not missed.
    CompletableFuture<Void> announced = completions.watch(jobId);
    try {
      while (true) {
        Optional<JobStatus> status = jobs.status(jobId);
        if (status.isEmpty() || status.get().isTerminal()) {
          return status.isPresent();
        }
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
          return false;
        }
        try {
          announced.get(min(fallbackPoll, left).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          // Read the database again.
        } catch (ExecutionException e) {
          throw new IllegalStateException("a completion signal never fails", e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        if (announced.isDone()) {
          completions.forget(jobId, announced);
          announced = completions.watch(jobId);
        }
      }
    } finally {
      completions.forget(jobId, announced);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
