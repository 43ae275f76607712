package dev.translation.submit.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Requests of this replica waiting for jobs to finish ({@code ?wait}), woken when a worker
 * announces that a job finished. Holds nothing for jobs nobody waits on.
 */
@Component
public class JobCompletions {

  private final Map<String, List<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();

  /** A signal completed when {@code jobId} is announced finished; pass it to {@link #forget}. */
  public CompletableFuture<Void> watch(String jobId) {
    CompletableFuture<Void> signal = new CompletableFuture<>();
    waiting.compute(
        jobId,
        (id, signals) -> {
          List<CompletableFuture<Void>> list = signals == null ? new ArrayList<>() : signals;
          list.add(signal);
          return list;
        });
    return signal;
  }

  /** Stops watching with {@code signal}. */
  public void forget(String jobId, CompletableFuture<Void> signal) {
    waiting.computeIfPresent(
        jobId,
        (id, signals) -> {
          signals.remove(signal);
          return signals.isEmpty() ? null : signals;
        });
  }

  /** A worker announced that {@code jobId} finished: wakes everyone waiting on it. */
  public void finished(String jobId) {
    List<CompletableFuture<Void>> signals = waiting.remove(jobId);
    if (signals != null) {
      signals.forEach(signal -> signal.complete(null));
    }
  }

  /** How many jobs requests are waiting on, for metrics and tests. */
  public int watchedJobs() {
    return waiting.size();
  }
}
