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

  /**
   * Gauge of the model versions a worker serves, tagged with {@link #TAG_MODEL_VERSION} and {@code
   * role} ({@code active} or {@code canary}); the value is the percent of segments each serves.
   */
  public static final String MODEL_INFO = "translation.model.info";

  /**
   * Counter: rollouts a worker could not serve (a version that could not be fetched, verified or
   * loaded), by the version; the worker keeps serving what it had.
   */
  public static final String MODEL_LOAD_FAILURES = "translation.model.load.failures";

  /** Counter: model calls that failed for another reason than refused input, by version. */
  public static final String MODEL_FAILURES = "translation.model.failures";

  /** Counter of dead-letter records whose payload is not a readable message. */
  public static final String DEAD_LETTERS_UNPARSEABLE = "translation.dead.letters.unparseable";

  /** Counter of dead letters ignored because no worker of the lane signed them. */
  public static final String DEAD_LETTERS_REJECTED = "translation.dead.letters.rejected";

  /** Counter of signed dead letters that could not be recorded on their job. */
  public static final String DEAD_LETTERS_UNRECORDED = "translation.dead.letters.unrecorded";

  /** Tag: the lane, lower case ({@code interactive}, {@code batch}). */
  public static final String TAG_LANE = "lane";

  /** Tag: how a segment ended, lower case {@link SegmentStatus} name. */
  public static final String TAG_OUTCOME = "outcome";

  /** Tag: the model version that did the work. */
  public static final String TAG_MODEL_VERSION = "model.version";

  /** Tag: the language pair in {@link LanguagePair#toString()} form. */
  public static final String TAG_LANGUAGE_PAIR = "language.pair";

  /** Tag on {@link #TOKENS}: {@code source} pieces read or {@code target} pieces written. */
  public static final String TAG_SIDE = "side";

  /** Tag on {@link #DEAD_LETTERS}: the simple class name of the exception that sent it there. */
  public static final String TAG_EXCEPTION = "exception";

  private MetricNames() {}
}
