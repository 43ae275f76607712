package dev.translation.contracts;

/**
 * Micrometer meter and tag names used by more than one app, spelled once so dashboards and alerts
 * match whichever app emits them. Micrometer's dotted names become Prometheus names with
 * underscores and unit suffixes (e.g. {@code translation.queue.latency} -> {@code
 * translation_queue_latency_seconds}).
 */
public final class MetricNames {

  /** Counter of finished segments; tagged with {@link #TAG_LANE} and {@link #TAG_OUTCOME}. */
  public static final String SEGMENTS = "translation.segments";

  /** Counter of target tokens produced by the model; tagged with {@link #TAG_MODEL_VERSION}. */
  public static final String TOKENS = "translation.tokens";

  /** Distribution of segments per model batch, to see whether micro-batching fills batches. */
  public static final String BATCH_SIZE = "translation.batch.size";

  /** Timer from {@code enqueuedAt} of a message to the moment a worker starts on it. */
  public static final String QUEUE_LATENCY = "translation.queue.latency";

  /** Timer of one model call for a batch; tagged with {@link #TAG_MODEL_VERSION}. */
  public static final String MODEL_LATENCY = "translation.model.latency";

  /** Counter of segments served from the translation memory instead of the model. */
  public static final String MEMORY_HITS = "translation.memory.hits";

  /** Counter of accepted jobs; tagged with {@link #TAG_LANE}. */
  public static final String JOBS_SUBMITTED = "translation.jobs.submitted";

  /** Counter of segments in accepted jobs; tagged with {@link #TAG_LANE}. */
  public static final String SEGMENTS_SUBMITTED = "translation.segments.submitted";

  /** Gauge of outbox rows not yet published to Kafka. */
  public static final String OUTBOX_PENDING = "translation.outbox.pending";

  /** Timer from a job's acceptance to Kafka acknowledging one of its outbox messages. */
  public static final String OUTBOX_PUBLISH_LATENCY = "translation.outbox.publish.latency";

  /** Counter of records sent to a dead-letter topic; tagged with {@link #TAG_LANE}. */
  public static final String DEAD_LETTERS = "translation.dead.letters";

  /** Tag: the lane, lower case ({@code interactive}, {@code batch}). */
  public static final String TAG_LANE = "lane";

  /** Tag: how a segment ended, lower case {@link SegmentStatus} name. */
  public static final String TAG_OUTCOME = "outcome";

  /** Tag: the model version that did the work. */
  public static final String TAG_MODEL_VERSION = "model.version";

  /** Tag: the language pair in {@link LanguagePair#toString()} form. */
  public static final String TAG_LANGUAGE_PAIR = "language.pair";

  private MetricNames() {}
}
