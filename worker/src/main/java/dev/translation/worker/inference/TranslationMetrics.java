package dev.translation.worker.inference;

import dev.translation.contracts.Lane;
import dev.translation.contracts.MetricNames;
import dev.translation.contracts.SegmentStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * The worker's meters, all named in {@link MetricNames}; every meter carries the lane so the two
 * Deployments can be told apart on one dashboard. Consumer lag comes from the Kafka client's own
 * metrics ({@code kafka.consumer.fetch.manager.records.lag*}), bound by spring-kafka's {@code
 * MicrometerConsumerListener}.
 */
public class TranslationMetrics {

  private final MeterRegistry registry;
  private final String lane;
  private final String modelVersion;
  private final Counter sourceTokens;
  private final Counter targetTokens;
  private final Counter memoryHits;
  private final DistributionSummary batchSize;
  private final Timer queueLatency;
  private final Timer modelLatency;
  private final Counter unparseableDeadLetters;

  public TranslationMetrics(MeterRegistry registry, Lane lane, String modelVersion) {
    this.registry = registry;
    this.lane = lane.name().toLowerCase(Locale.ROOT);
    this.modelVersion = modelVersion;
    this.sourceTokens = tokens("source");
    this.targetTokens = tokens("target");
    this.memoryHits =
        Counter.builder(MetricNames.MEMORY_HITS)
            .description("Segments served from the translation memory instead of the model")
            .tag(MetricNames.TAG_LANE, this.lane)
            .register(registry);
    this.batchSize =
        DistributionSummary.builder(MetricNames.BATCH_SIZE)
            .description("Distinct texts per model call")
            .tag(MetricNames.TAG_LANE, this.lane)
            .publishPercentileHistogram()
            .maximumExpectedValue(256.0)
            .register(registry);
    this.queueLatency =
        Timer.builder(MetricNames.QUEUE_LATENCY)
            .description("From a message's enqueuedAt to a worker starting on it")
            .tag(MetricNames.TAG_LANE, this.lane)
            .publishPercentileHistogram()
            .register(registry);
    this.modelLatency =
        Timer.builder(MetricNames.MODEL_LATENCY)
            .description("One model call for a micro-batch")
            .tag(MetricNames.TAG_LANE, this.lane)
            .tag(MetricNames.TAG_MODEL_VERSION, modelVersion)
            .publishPercentileHistogram()
            .register(registry);
    this.unparseableDeadLetters =
        Counter.builder(MetricNames.DEAD_LETTERS_UNPARSEABLE)
            .description("Dead letters whose payload is not a readable TranslationBatchMessage")
            .tag(MetricNames.TAG_LANE, this.lane)
            .register(registry);
    Gauge.builder(MetricNames.MODEL_INFO, () -> 1)
        .description("The model version this worker serves")
        .tag(MetricNames.TAG_LANE, this.lane)
        .tag(MetricNames.TAG_MODEL_VERSION, modelVersion)
        .register(registry);
  }

  private Counter tokens(String side) {
    return Counter.builder(MetricNames.TOKENS)
        .description("Subword pieces through the model")
        .tag(MetricNames.TAG_LANE, lane)
        .tag(MetricNames.TAG_MODEL_VERSION, modelVersion)
        .tag(MetricNames.TAG_SIDE, side)
        .register(registry);
  }

  /** Counts finished segments by how they ended. */
  public void segments(SegmentStatus outcome, int count) {
    if (count > 0) {
      Counter.builder(MetricNames.SEGMENTS)
          .description("Segments finished by this worker")
          .tag(MetricNames.TAG_LANE, lane)
          .tag(MetricNames.TAG_OUTCOME, outcome.name().toLowerCase(Locale.ROOT))
          .register(registry)
          .increment(count);
    }
  }

  public void tokens(long source, long target) {
    sourceTokens.increment(source);
    targetTokens.increment(target);
  }

  public void memoryHits(int count) {
    if (count > 0) {
      memoryHits.increment(count);
    }
  }

  public void modelBatch(int texts, Duration elapsed) {
    batchSize.record(texts);
    modelLatency.record(elapsed);
  }

  public void queued(Duration waited) {
    queueLatency.record(waited.isNegative() ? Duration.ZERO : waited);
  }

  /** Counts a record sent to the dead-letter topic, by the exception that sent it there. */
  public void deadLettered(Throwable cause) {
    Counter.builder(MetricNames.DEAD_LETTERS)
        .description("Records sent to the lane's dead-letter topic")
        .tag(MetricNames.TAG_LANE, lane)
        .tag(MetricNames.TAG_EXCEPTION, cause.getClass().getSimpleName())
        .register(registry)
        .increment();
  }

  public void unparseableDeadLetter() {
    unparseableDeadLetters.increment();
  }

  /** Counts a dead letter ignored because no worker of this lane signed it. */
  public void rejectedDeadLetter() {
    Counter.builder(MetricNames.DEAD_LETTERS_REJECTED)
        .description("Dead letters ignored because they were not signed by a worker of this lane")
        .tag(MetricNames.TAG_LANE, lane)
        .register(registry)
        .increment();
  }

  /** Counts a dead letter whose segments could not be marked failed within the retries. */
  public void unrecordedDeadLetter() {
    Counter.builder(MetricNames.DEAD_LETTERS_UNRECORDED)
        .description(
            "Signed dead letters whose segments could not be marked failed (retries spent)")
        .tag(MetricNames.TAG_LANE, lane)
        .register(registry)
        .increment();
  }
}
