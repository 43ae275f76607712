package dev.translation.launcher.local;

import dev.translation.launcher.config.LauncherProperties;
import dev.translation.launcher.kubernetes.BatchExitCodes;
import dev.translation.launcher.launch.BatchExecutor;
import dev.translation.launcher.launch.ExecutionEvents;
import dev.translation.launcher.launch.LaunchedBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs batches as child processes on this machine, with a Kubernetes Job's semantics: each shard is
 * the batch runner with {@code JOB_COMPLETION_INDEX} set, retried after a growing pause until it
 * succeeds or runs out of retries ({@code backoffLimit} for a one-shard batch, {@code
 * backoffLimitPerIndex} per shard otherwise); the bad-input exit code fails the shard at once; more
 * failed shards than {@code maxFailedIndexes} fail the batch and stop the rest; the deadline ends
 * it. Each shard's output goes to a log file, all attempts appended.
 *
 * <p>Stopping the launcher stops the processes gracefully (each ends STOPPED after its chunk);
 * started again, the launcher takes their batches up and they resume where they stopped.
 */
public class LocalBatchExecutor implements BatchExecutor, AutoCloseable {

  /** The executor's name as stored with each batch. */
  public static final String NAME = "LOCAL";

  private static final Logger log = LoggerFactory.getLogger(LocalBatchExecutor.class);
  private static final String BAD_INPUT_MARK = "bad input: ";

  private final RunnerCommand command;
  private final ExecutionEvents events;
  private final LauncherProperties.Local settings;
  private final ProcessSlots slots;
  private final Map<String, RunningBatch> running = new ConcurrentHashMap<>();
  private final ScheduledExecutorService deadlines =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("batch-deadlines").daemon().factory());
  private volatile boolean closing;

  LocalBatchExecutor(
      RunnerCommand command, ExecutionEvents events, LauncherProperties.Local settings) {
    this.command = command;
    this.events = events;
    this.settings = settings;
    this.slots = new ProcessSlots(settings.maxProcesses());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void launch(LaunchedBatch batch) {
    RunningBatch run = new RunningBatch(batch);
    if (running.putIfAbsent(batch.id(), run) != null) {
      return;
    }
    for (int shard = 0; shard < batch.shards(); shard++) {
      int index = shard;
      Thread.ofVirtual()
          .name("batch-" + batch.id() + "-" + shard)
          .start(() -> superviseShard(run, index));
    }
    deadlines.schedule(
        () -> {
          if (run.end()) {
            stopProcesses(run);
            events.batchFailed(
                batch.id(),
                "the batch ran longer than its deadline of " + batch.limits().activeDeadline());
          }
        },
        batch.limits().activeDeadline().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void superviseShard(RunningBatch run, int shard) {
    LaunchedBatch batch = run.batch;
    Duration delay = settings.initialRetryDelay();
    int failures = 0;
    Path logFile = logFile(batch.id(), shard);
    try {
      Files.createDirectories(logFile.getParent());
      while (!run.ended() && !closing) {
        int exitCode = attempt(run, shard, logFile);
        if (run.ended() || closing) {
          return;
        }
        if (exitCode == BatchExitCodes.SUCCEEDED) {
          run.shardSucceeded();
          shardEnded(run);
          return;
        }
        if (exitCode == BatchExitCodes.BAD_INPUT) {
          shardFailed(run, shard, "bad input: " + badInputReason(logFile).orElse("exit code 3"));
          return;
        }
        failures++;
        int total = run.attemptFailed();
        String reason =
            "attempt ended with exit code "
                + exitCode
                + lastLine(logFile).map(l -> " (" + l + ")").orElse("");
        boolean indexed = batch.shards() > 1;
        int limit = indexed ? batch.limits().backoffLimitPerIndex() : batch.limits().backoffLimit();
        int counted = indexed ? failures : total;
        if (counted > limit) {
          shardFailed(
              run,
              shard,
              "failed "
                  + counted
                  + " times, more than its backoff limit of "
                  + limit
                  + "; last "
                  + reason);
          return;
        }
        events.attemptFailed(batch.id(), shard, exitCode, reason);
        Thread.sleep(delay.toMillis());
        delay =
            delay.multipliedBy(2).compareTo(settings.maxRetryDelay()) > 0
                ? settings.maxRetryDelay()
                : delay.multipliedBy(2);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      log.error("batch {} shard {}: the local executor failed", batch.id(), shard, e);
      shardFailed(run, shard, "the local executor could not run it: " + e.getMessage());
    }
  }

  /** Runs one attempt and returns its exit code. */
  private int attempt(RunningBatch run, int shard, Path logFile)
      throws IOException, InterruptedException {
    slots.acquire(run.batch.priority());
    try {
      if (run.ended() || closing) {
        return -1;
      }
      Files.writeString(
          logFile,
          "=== " + Instant.now() + " attempt of shard " + shard + " starts\n",
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      Process process = command.attempt(run.batch.id(), shard, logFile).start();
      run.processes.put(shard, process);
      if (run.ended() || closing) {
        // Cancelled while it was starting: the cancel did not see it.
        terminate(List.of(process));
      }
      try {
        return process.waitFor();
      } finally {
        run.processes.remove(shard, process);
      }
    } finally {
      slots.release();
    }
  }

  private void shardFailed(RunningBatch run, int shard, String reason) {
    events.shardFailed(run.batch.id(), shard, reason);
    int failed = run.shardFailed();
    if (failed > run.batch.limits().maxFailedIndexes()) {
      if (run.end()) {
        running.remove(run.batch.id());
        stopProcesses(run);
        events.batchFailed(
            run.batch.id(),
            run.batch.shards() == 1 ? reason : "shard " + shard + " failed: " + reason);
      }
      return;
    }
    shardEnded(run);
  }

  /**
   * Once every shard has ended: the batch completed when none failed, else it failed (as a
   * Kubernetes Job with failed indexes does, even within {@code maxFailedIndexes}).
   */
  private void shardEnded(RunningBatch run) {
    if (!run.allShardsFinished() || !run.end()) {
      return;
    }
    running.remove(run.batch.id());
    int failed = run.failedShards();
    if (failed == 0) {
      events.batchCompleted(run.batch.id());
    } else {
      events.batchFailed(run.batch.id(), failed + " of " + run.batch.shards() + " shards failed");
    }
  }

  @Override
  public void cancel(String batchId) {
    RunningBatch run = running.remove(batchId);
    if (run != null && run.end()) {
      stopProcesses(run);
    }
  }

  @Override
  public void reattach(List<LaunchedBatch> unfinished) {
    // Processes end with the launcher; the shards start again and resume from their last chunk
    // (a shard that had completed exits at once).
    unfinished.forEach(this::launch);
  }

  @Override
  public Optional<String> log(String batchId, int shard, int tailLines) {
    Path file = logFile(batchId, shard);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(String.join("\n", tail(file, tailLines)) + "\n");
  }

  /** Stops every process gracefully; the batches stay running, to be taken up at the next start. */
  @Override
  public void close() {
    closing = true;
    deadlines.shutdownNow();
    List<Process> all = new ArrayList<>();
    running.values().forEach(run -> all.addAll(run.processes.values()));
    terminate(all);
  }

  private void stopProcesses(RunningBatch run) {
    Thread.ofVirtual().start(() -> terminate(List.copyOf(run.processes.values())));
  }

  private void terminate(List<Process> processes) {
    processes.forEach(Process::destroy);
    long deadline = System.nanoTime() + settings.stopGrace().toNanos();
    for (Process process : processes) {
      try {
        if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  private Path logFile(String batchId, int shard) {
    return settings.logDirectoryPath().resolve(batchId).resolve("shard-" + shard + ".log");
  }

  private static Optional<String> badInputReason(Path logFile) {
    List<String> lines = tail(logFile, 200);
    for (int i = lines.size() - 1; i >= 0; i--) {
      int mark = lines.get(i).indexOf(BAD_INPUT_MARK);
      if (mark >= 0) {
        return Optional.of(lines.get(i).substring(mark + BAD_INPUT_MARK.length()).strip());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> lastLine(Path logFile) {
    List<String> lines = tail(logFile, 1);
    return lines.isEmpty() || lines.getFirst().isBlank()
        ? Optional.empty()
        : Optional.of(
            lines.getFirst().length() > 300
                ? lines.getFirst().substring(0, 300)
                : lines.getFirst());
  }

  private static List<String> tail(Path file, int lines) {
    try (var stream = Files.lines(file, StandardCharsets.UTF_8)) {
      java.util.ArrayDeque<String> last = new java.util.ArrayDeque<>();
      stream.forEach(
          line -> {
            last.add(line);
            if (last.size() > lines) {
              last.poll();
            }
          });
      return new ArrayList<>(last);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.io.UncheckedIOException e) {
      return List.of();
    }
  }

  /** One batch's processes and counts. */
  private static final class RunningBatch {
    final LaunchedBatch batch;
    final Map<Integer, Process> processes = new ConcurrentHashMap<>();
    private int succeeded;
    private int failed;
    private int failedAttempts;
    private boolean ended;

    RunningBatch(LaunchedBatch batch) {
      this.batch = batch;
    }

    synchronized boolean ended() {
      return ended;
    }

    /** Ends the batch; true for the caller that ended it. */
    synchronized boolean end() {
      if (ended) {
        return false;
      }
      ended = true;
      return true;
    }

    synchronized void shardSucceeded() {
      succeeded++;
    }

    synchronized int shardFailed() {
      return ++failed;
    }

    synchronized int failedShards() {
      return failed;
    }

    synchronized int attemptFailed() {
      return ++failedAttempts;
    }

    synchronized boolean allShardsFinished() {
      return succeeded + failed == batch.shards();
    }
  }
}
