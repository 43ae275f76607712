package dev.translation.submit.messaging;

import dev.translation.contracts.LogKeys;
import dev.translation.contracts.MetricNames;
import dev.translation.submit.config.ApiProperties;
import dev.translation.submit.persistence.OutboxRepository;
import dev.translation.submit.persistence.OutboxRepository.PendingMessage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to Kafka. Each run claims a batch of unpublished rows with {@code SELECT ...
 * FOR UPDATE SKIP LOCKED} in a transaction (so any number of API replicas can relay side by side
 * without sending a row twice at the same time), sends them, waits for Kafka's acknowledgements,
 * and marks the acknowledged rows published in the same transaction.
 *
 * <p>When Kafka fails, the rows stay unpublished with their attempt count and last error, and the
 * relay backs off (doubling up to a maximum); it resumes by itself once Kafka answers. Delivery is
 * at-least-once: a crash between Kafka's acknowledgement and the commit sends those rows again,
 * which workers tolerate (results are written idempotently by job id and segment index).
 *
 * <p>Runs happen one at a time on the relay's own thread: right after a submit commits (so a single
 * sentence does not wait for the next period), and every {@code translation.api.relay.interval} for
 * rows whose wake-up was missed (written by a replica that died, or kept during a Kafka outage).
 * Wake-ups that arrive while a run is queued are merged.
 */
@Component
@ConditionalOnBooleanProperty(name = "translation.api.relay.enabled", matchIfMissing = true)
public class OutboxRelay {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final OutboxRepository outbox;
  private final KafkaTemplate<String, String> kafka;
  private final TransactionTemplate transactions;
  private final ApiProperties.Relay settings;
  private final Clock clock;
  private final Timer publishLatency;

  private Instant pausedUntil = Instant.MIN;
  private Duration backoff;
  private Instant nextPurge = Instant.MIN;

  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("outbox-relay").factory());
  private final AtomicBoolean runQueued = new AtomicBoolean();

  public OutboxRelay(
      OutboxRepository outbox,
      KafkaTemplate<String, String> kafka,
      TransactionTemplate transactions,
      ApiProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.outbox = outbox;
    this.kafka = kafka;
    this.transactions = transactions;
    this.settings = properties.relay();
    this.clock = clock;
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

  /** The periodic run, for rows no submit woke the relay for. */
  @Scheduled(fixedDelayString = "${translation.api.relay.interval}")
  public void runPeriodically() {
    wakeUp();
  }

  /** A submit committed its outbox messages: send them now. */
  @EventListener
  public void onOutboxMessagesCommitted(OutboxMessagesCommitted committed) {
    wakeUp();
  }

  /** Queues one run on the relay thread unless one is already queued. */
  void wakeUp() {
    if (runQueued.compareAndSet(false, true)) {
      try {
        runner.execute(
            () -> {
              runQueued.set(false);
              run();
            });
      } catch (RejectedExecutionException stopping) {
        // Shutting down: the rows stay in the outbox for the next start or another replica.
      }
    }
  }

  /** Lets a run in progress finish its batch (Kafka acknowledges or times out) before closing. */
  @PreDestroy
  void stop() throws InterruptedException {
    runner.shutdown();
    if (!runner.awaitTermination(
        settings.sendTimeout().plus(settings.shutdownGrace()).toMillis(), TimeUnit.MILLISECONDS)) {
      runner.shutdownNow();
    }
  }

  /** One run: relays batches until the outbox is drained or Kafka fails. */
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
              List<PendingMessage> claimed = outbox.claimUnpublished(settings.batchSize());
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
