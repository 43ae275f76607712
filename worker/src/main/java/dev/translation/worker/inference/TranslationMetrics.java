package dev.translation.worker.inference;

import dev.translation.contracts.Lane;
import dev.translation.contracts.MetricNames;
import dev.translation.contracts.SegmentStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The worker's meters, all named in {@link MetricNames}; every meter carries the lane so the two
 * Deployments can be told apart on one dashboard. Consumer lag comes from the Kafka client's own
 * metrics ({@code kafka.consumer.fetch.manager.records.lag*}), bound by spring-kafka's {@code
 * MicrometerConsumerListener}.
 */
public class TranslationMetrics {

  /** Tag on {@link MetricNames#MODEL_INFO}: {@code active} or {@code canary}. */
  static final String TAG_ROLE = "role";

  private final MeterRegistry registry;
  private final String lane;
  private final Counter memoryHits;
  private final DistributionSummary batchSize;
  private final Timer queueLatency;
  private final Counter unparseableDeadLetters;
  private final MultiGauge serving;

  public TranslationMetrics(MeterRegistry registry, Lane lane) {
    this.registry = registry;
    this.lane = lane.name().toLowerCase(Locale.ROOT);
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
    this.unparseableDeadLetters =
        Counter.builder(MetricNames.DEAD_LETTERS_UNPARSEABLE)
            .description("Dead letters whose payload is not a readable TranslationBatchMessage")
            .tag(MetricNames.TAG_LANE, this.lane)
            .register(registry);
    this.serving =
        MultiGauge.builder(MetricNames.MODEL_INFO)
            .description(
                "The model versions this worker serves, by role, with the percent of segments each"
                    + " takes")
            .tag(MetricNames.TAG_LANE, this.lane)
            .register(registry);
  }

  /** Records what the worker serves now; versions it no longer serves disappear. */
  public void serving(ServingModels.Rollout rollout) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    rows.add(
        MultiGauge.Row.of(
            Tags.of(MetricNames.TAG_MODEL_VERSION, rollout.active().id(), TAG_ROLE, "active"),
            100 - rollout.canaryPercent()));
    if (rollout.canary() != null) {
      rows.add(
          MultiGauge.Row.of(
              Tags.of(MetricNames.TAG_MODEL_VERSION, rollout.canary().id(), TAG_ROLE, "canary"),
              rollout.canaryPercent()));
    }
    serving.register(rows, true);
  }

  /** Counts finished segments by how they ended and the version that served them. */
  public void segments(SegmentStatus outcome, String modelVersion, int count) {
    if (count > 0) {
      Counter.builder(MetricNames.SEGMENTS)
          .description("Segments finished by this worker")
          .tag(MetricNames.TAG_LANE, lane)
          .tag(MetricNames.TAG_OUTCOME, outcome.name().toLowerCase(Locale.ROOT))
          .tag(MetricNames.TAG_MODEL_VERSION, modelVersion)
          .register(registry)
          .increment(count);
    }
  }

  /** Counts the subword pieces one call of {@code modelVersion} read and wrote. */
  public void tokens(String modelVersion, long source, long target) {
    tokens(modelVersion, "source").increment(source);
    tokens(modelVersion, "target").increment(target);
  }

  private Counter tokens(String modelVersion, String side) {
    return Counter.builder(MetricNames.TOKENS)
        .description("Subword pieces through the model")
        .tag(MetricNames.TAG_LANE, lane)
        .tag(MetricNames.TAG_MODEL_VERSION, modelVersion)
        .tag(MetricNames.TAG_SIDE, side)
        .register(registry);
  }

  public void memoryHits(int count) {
    if (count > 0) {
      memoryHits.increment(count);
    }
  }

  /** Records one model call of {@code modelVersion}: its distinct texts and how long it took. */
  public void modelBatch(String modelVersion, int texts, Duration elapsed) {
    batchSize.record(texts);
    Timer.builder(MetricNames.MODEL_LATENCY)
        .description("One model call for a micro-batch")
        .tag(MetricNames.TAG_LANE, lane)
        .tag(MetricNames.TAG_MODEL_VERSION, modelVersion)
        .publishPercentileHistogram()
        .register(registry)
        .record(elapsed);
  }

  /** Counts a rollout this worker could not serve, by the version it could not load. */
  public void modelLoadFailure(String modelVersion) {
    Counter.builder(MetricNames.MODEL_LOAD_FAILURES)
        .description("Rollouts not served: a version that could not be fetched, verified or loaded")
        .tag(MetricNames.TAG_LANE, lane)
        .tag(MetricNames.TAG_MODEL_VERSION, modelVersion)
        .register(registry)
        .increment();
  }

  /** Counts a model call that failed (not a refused input), by the version that failed. */
  public void modelFailure(String modelVersion) {
    Counter.builder(MetricNames.MODEL_FAILURES)
        .description("Model calls that failed for another reason than refused input")
        .tag(MetricNames.TAG_LANE, lane)
        .tag(MetricNames.TAG_MODEL_VERSION, modelVersion)
        .register(registry)
        .increment();
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
