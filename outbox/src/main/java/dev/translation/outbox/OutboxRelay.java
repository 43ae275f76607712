package dev.translation.outbox;

import dev.translation.contracts.LogKeys;
import dev.translation.contracts.MetricNames;
import dev.translation.outbox.OutboxRepository.PendingMessage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to Kafka. Each run claims a batch of unpublished rows with {@code SELECT ...
 * FOR UPDATE SKIP LOCKED} in a transaction (so any number of relays, in API replicas and other apps
 * alike, can publish side by side without sending a row twice at the same time), sends them, waits
 * for Kafka's acknowledgements, and marks the acknowledged rows published in the same transaction.
 *
 * <p>When Kafka fails, the rows stay unpublished with their attempt count and last error, and the
 * relay backs off (doubling up to a maximum); it resumes by itself once Kafka answers. Delivery is
 * at-least-once: a crash between Kafka's acknowledgement and the commit sends those rows again,
 * which workers tolerate (results are written idempotently by job id and segment index).
 *
 * <p>Runs happen one at a time on the relay's own thread ({@code outbox-relay}): when the app calls
 * {@link #wakeUp()} after a transaction that wrote outbox rows has committed (so a single sentence
 * does not wait for the next period), and every {@link Settings#interval()} once {@link #start()}
 * has been called, for rows whose wake-up was missed (written by a process that died, or kept
 * during a Kafka outage). Wake-ups that arrive while a run is queued are merged. {@link #close()}
 * lets a run in progress finish.
 *
 * <p>Plain Java, so any app wires it as a bean: it needs the outbox, a {@code KafkaTemplate} whose
 * producer uses {@link JobSpreadingPartitioner}, a transaction template on the outbox's database,
 * its settings, a clock and a meter registry (for {@code translation.outbox.pending} and {@code
 * translation.outbox.publish.latency}).
 */
public class OutboxRelay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final OutboxRepository outbox;
  private final Set<String> topics;
  private final KafkaTemplate<String, String> kafka;
  private final TransactionTemplate transactions;
  private final Settings settings;
  private final Clock clock;
  private final Timer publishLatency;

  private Instant pausedUntil = Instant.MIN;
  private Duration backoff;
  private Instant nextPurge = Instant.MIN;

  private final ScheduledThreadPoolExecutor runner =
      new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("outbox-relay").factory());
  private final AtomicBoolean runQueued = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();

  /**
   * How the relay runs.
   *
   * @param interval pause between periodic runs, for rows no wake-up covered
   * @param batchSize outbox rows claimed per transaction (at least 1)
   * @param sendTimeout how long to wait for Kafka to acknowledge one batch
   * @param initialBackoff first pause after Kafka failed, doubled on every further failure
   * @param maxBackoff longest pause after failures
   * @param retention how long published rows are kept before they are purged
   * @param purgeInterval how often published rows older than {@code retention} are purged
   * @param purgeBatchSize most rows one purge deletes (a backlog goes over several purges, so no
   *     purge holds locks for long)
   * @param shutdownGrace how long {@link #close()} waits beyond {@code sendTimeout} for a run in
   *     progress
   */
  public record Settings(
      Duration interval,
      int batchSize,
      Duration sendTimeout,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration retention,
      Duration purgeInterval,
      int purgeBatchSize,
      Duration shutdownGrace) {

    /**
     * Fails on settings the relay cannot run with.
     *
     * @throws IllegalArgumentException or {@link NullPointerException} naming the setting
     */
    public Settings {
      requirePositive(interval, "interval");
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
      }
      requirePositive(sendTimeout, "sendTimeout");
      requireNotNegative(initialBackoff, "initialBackoff");
      requireNotNegative(maxBackoff, "maxBackoff");
      requireNotNegative(retention, "retention");
      requirePositive(purgeInterval, "purgeInterval");
      if (purgeBatchSize < 1) {
        throw new IllegalArgumentException(
            "purgeBatchSize must be at least 1, was " + purgeBatchSize);
      }
      requireNotNegative(shutdownGrace, "shutdownGrace");
    }

    private static void requirePositive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (!value.isPositive()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
    }

    private static void requireNotNegative(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + value);
      }
    }
  }

  /**
   * A relay that runs only when woken until {@link #start()} adds its periodic run.
   *
   * @param outbox the outbox it publishes
   * @param topics the topics this relay publishes (the ones its app may write to); rows for other
   *     topics are left to the relay of the app that wrote them
   * @param kafka where it publishes; its producer should use {@link JobSpreadingPartitioner}, so a
   *     job's messages are spread over the lane's partitions
   * @param transactions transactions on the outbox's database, READ COMMITTED (see {@link
   *     #readCommitted})
   * @param settings how it runs
   * @param clock for backoff, purge and publish-latency times
   * @param meters where its gauge and timer are registered
   */
  public OutboxRelay(
      OutboxRepository outbox,
      Set<String> topics,
      KafkaTemplate<String, String> kafka,
      TransactionTemplate transactions,
      Settings settings,
      Clock clock,
      MeterRegistry meters) {
    this.outbox = outbox;
    this.topics = Set.copyOf(topics);
    if (this.topics.isEmpty()) {
      throw new IllegalArgumentException("a relay publishes at least one topic");
    }
    this.kafka = kafka;
    this.transactions = transactions;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = clock;
    // A run queued before close() still runs; a periodic run does not.
    runner.setExecuteExistingDelayedTasksAfterShutdownPolicy(true);
    runner.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    this.backoff = settings.initialBackoff();
    this.publishLatency =
        Timer.builder(MetricNames.OUTBOX_PUBLISH_LATENCY)
            .description("Time from job acceptance to Kafka acknowledging its outbox message")
            .publishPercentileHistogram()
            .register(meters);
    Gauge.builder(MetricNames.OUTBOX_PENDING, this, OutboxRelay::pendingOrNaN)
        .description("Outbox rows not yet published to Kafka")
        .register(meters);
  }

  /**
   * The transactions a relay needs: READ COMMITTED, because under MySQL's default REPEATABLE READ
   * the claim's locking read also locks the gaps between outbox rows, and a writer inserting new
   * rows at the same moment (a submit, a batch runner's publish step) deadlocks with it.
   */
  public static TransactionTemplate readCommitted(PlatformTransactionManager transactionManager) {
    TransactionTemplate transactions = new TransactionTemplate(transactionManager);
    transactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    return transactions;
  }

  /**
   * Starts the periodic run: one at once, then every {@link Settings#interval()}. Call it once the
   * app is ready to publish; later calls do nothing.
   */
  public void start() {
    if (started.compareAndSet(false, true)) {
      runner.scheduleWithFixedDelay(
          this::wakeUp, 0, settings.interval().toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Queues one run on the relay thread unless one is already queued. Call it after a transaction
   * that wrote outbox rows has committed (never before: the run would not see them yet). Does
   * nothing once the relay is closed.
   */
  public void wakeUp() {
    if (runQueued.compareAndSet(false, true)) {
      try {
        runner.execute(
            () -> {
              runQueued.set(false);
              run();
            });
      } catch (RejectedExecutionException stopping) {
        // Closed: the rows stay in the outbox for the next start or another relay.
      }
    }
  }

  /**
   * Stops the relay: no periodic runs any more, wake-ups are ignored, and a run in progress (or
   * already queued) may finish its batch (Kafka acknowledges or times out) within {@link
   * Settings#sendTimeout()} plus {@link Settings#shutdownGrace()} before its thread is interrupted.
   * Rows it did not publish stay in the outbox for the next start or another process.
   */
  @Override
  public void close() throws InterruptedException {
    runner.shutdown();
    if (!runner.awaitTermination(
        settings.sendTimeout().plus(settings.shutdownGrace()).toMillis(), TimeUnit.MILLISECONDS)) {
      runner.shutdownNow();
    }
  }

  /**
   * One run on the caller's thread: relays batches until the outbox is drained or Kafka fails. The
   * relay makes its runs on its own thread; call it directly only where that thread makes none (a
   * relay neither started nor woken), since runs must not overlap.
   */
  public void run() {
    Instant now = clock.instant();
    if (now.isBefore(pausedUntil)) {
      return;
    }
    try {
      int sent;
      do {
        sent = relayBatch();
      } while (sent == settings.batchSize());
      purgeOldRows(now);
    } catch (RuntimeException e) {
      // Database trouble: nothing was marked, the rows stay for the next run.
      log.warn("outbox relay run failed: {}", e.toString());
      pause();
    }
  }

  /**
   * Claims and publishes one batch.
   *
   * @return how many rows were published; fewer than claimed when Kafka failed
   */
  int relayBatch() {
    Outcome outcome =
        transactions.execute(
            status -> {
              List<PendingMessage> claimed = outbox.claimUnpublished(settings.batchSize(), topics);
              if (claimed.isEmpty()) {
                return new Outcome(0, 0, null);
              }
              Outcome sent = send(claimed);
              outbox.markPublished(sent.published);
              outbox.recordFailure(sent.failed, sent.error);
              return new Outcome(sent.published.size(), sent.failed.size(), sent.error);
            });
    if (outcome.failedCount > 0) {
      log.warn(
          "Kafka did not take {} outbox messages ({}); keeping them, next attempt in {}",
          outcome.failedCount,
          outcome.error,
          backoff);
      pause();
      return outcome.publishedCount;
    }
    backoff = settings.initialBackoff();
    return outcome.publishedCount;
  }

  private Outcome send(List<PendingMessage> claimed) {
    List<CompletableFuture<SendResult<String, String>>> futures = new ArrayList<>();
    String error = null;
    for (PendingMessage message : claimed) {
      try (MDC.MDCCloseable ignored = MDC.putCloseable(LogKeys.JOB_ID, message.jobId())) {
        CompletableFuture<SendResult<String, String>> future =
            kafka.send(new ProducerRecord<>(message.topic(), message.key(), message.payload()));
        if (future.isCompletedExceptionally()) {
          // Typically no metadata within max.block.ms: the rest would wait just as long each.
          error = failureOf(future);
          break;
        }
        futures.add(future);
      } catch (RuntimeException e) {
        error = describe(e);
        break;
      }
    }
    List<Long> published = new ArrayList<>();
    List<Long> failed = new ArrayList<>();
    long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
    for (int i = 0; i < claimed.size(); i++) {
      PendingMessage message = claimed.get(i);
      if (i >= futures.size()) {
        failed.add(message.id());
        continue;
      }
      try {
        futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        published.add(message.id());
        publishLatency.record(Duration.between(message.createdAt(), clock.instant()));
      } catch (ExecutionException | TimeoutException e) {
        failed.add(message.id());
        error =
            e instanceof ExecutionException
                ? describe(e)
                : "no acknowledgement within " + settings.sendTimeout();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed.add(message.id());
        error = "interrupted";
      }
    }
    return new Outcome(published, failed, error);
  }

  private void pause() {
    pausedUntil = clock.instant().plus(backoff);
    Duration doubled = backoff.multipliedBy(2);
    backoff = doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
  }

  private void purgeOldRows(Instant now) {
    if (now.isBefore(nextPurge)) {
      return;
    }
    nextPurge = now.plus(settings.purgeInterval());
    int purged =
        outbox.purgePublishedBefore(now.minus(settings.retention()), settings.purgeBatchSize());
    if (purged > 0) {
      log.info("purged {} outbox rows published more than {} ago", purged, settings.retention());
    }
  }

  private double pendingOrNaN() {
    try {
      return outbox.countUnpublished();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  private static String failureOf(CompletableFuture<?> future) {
    try {
      future.getNow(null);
      return "unknown";
    } catch (RuntimeException e) {
      return describe(e);
    }
  }

  /** The root cause, which says what went wrong (the wrappers only say that a send failed). */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private record Outcome(
      List<Long> published, List<Long> failed, String error, int publishedCount, int failedCount) {
    Outcome(List<Long> published, List<Long> failed, String error) {
      this(published, failed, error, published.size(), failed.size());
    }

    Outcome(int publishedCount, int failedCount, String error) {
      this(List.of(), List.of(), error, publishedCount, failedCount);
    }
  }
}
