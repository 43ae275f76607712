package dev.translation.worker.config;

import dev.translation.contracts.Lane;
import dev.translation.contracts.Topics;
import dev.translation.engine.inference.DecodeOptions;
import dev.translation.engine.inference.EngineOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Everything a worker can be told, under {@code translation.worker}. Defaults live in {@code
 * application.yml}.
 *
 * @param lane which lane this process serves ({@code interactive} or {@code batch})
 * @param modelBundle the model bundle directory served until the model registry names a version for
 *     its language pair (a fresh install); a relative path not found under the working directory is
 *     looked up in its parents (so a run from a module directory finds the repo's {@code models/})
 * @param models how versions named by the model registry are fetched and followed
 * @param modelThreadsPerCall libtorch threads one model call uses (0 = one per core); with one
 *     thread per call and one consumer thread per core, the calls run side by side and never wait
 *     for each other's threads, which gives the most segments per second
 * @param engineLimits what one engine call accepts
 * @param consumer the Kafka consumer side
 * @param batching how segments are grouped into model calls
 * @param decoding how the engine searches
 * @param retry backoff for transient faults before a record is dead-lettered, and for recording a
 *     dead letter on its job
 * @param deadLetters how dead letters are authenticated
 * @param topics topic creation at startup
 * @param identityTranslation benchmark only ({@code bin/benchmark-pipeline}): the "translation" is
 *     the source text, so a run measures the pipeline's own ceiling without the model; never a
 *     product setting
 */
@ConfigurationProperties("translation.worker")
public record WorkerProperties(
    Lane lane,
    Path modelBundle,
    Models models,
    int modelThreadsPerCall,
    EngineLimits engineLimits,
    ConsumerSettings consumer,
    Batching batching,
    Decoding decoding,
    Retry retry,
    DeadLetters deadLetters,
    TopicCreation topics,
    boolean identityTranslation) {

  public WorkerProperties {
    Objects.requireNonNull(lane, "translation.worker.lane (interactive or batch)");
    Objects.requireNonNull(modelBundle, "translation.worker.model-bundle");
    Objects.requireNonNull(models, "translation.worker.models");
    if (modelThreadsPerCall < 0) {
      throw new IllegalArgumentException(
          "translation.worker.model-threads-per-call must be 0 (one per core) or more");
    }
    Objects.requireNonNull(engineLimits, "translation.worker.engine-limits");
    Objects.requireNonNull(consumer, "translation.worker.consumer");
    Objects.requireNonNull(batching, "translation.worker.batching");
    // Both settings default to what the lane and the model say.
    decoding = decoding != null ? decoding : new Decoding(null, null);
    Objects.requireNonNull(retry, "translation.worker.retry");
    Objects.requireNonNull(deadLetters, "translation.worker.dead-letters");
    Objects.requireNonNull(topics, "translation.worker.topics");
  }

  /** The engine's options: {@code engine-limits} and {@code model-threads-per-call}. */
  public EngineOptions engineOptions() {
    return new EngineOptions(
        engineLimits.maxTextChars(),
        engineLimits.maxBatchSentences(),
        engineLimits.maxBatchTokens(),
        false, // libtorch time is only recorded by the engine benchmarks
        modelThreadsPerCall);
  }

  /** The consumer group of this lane's workers, e.g. {@code worker-interactive}. */
  public String consumerGroup() {
    return "worker-" + lane.name().toLowerCase(Locale.ROOT);
  }

  /** The consumer group that reads this lane's dead-letter topic. */
  public String deadLetterConsumerGroup() {
    return consumerGroup() + "-dlt";
  }

  /**
   * The bundle directory: {@link #modelBundle()} as given when absolute or present, else the first
   * parent of the working directory that has it, else as given (so the error names it).
   */
  public Path resolvedModelBundle() {
    if (modelBundle.isAbsolute() || Files.isDirectory(modelBundle)) {
      return modelBundle.toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(modelBundle);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return modelBundle.toAbsolutePath();
  }

  /**
   * Consumer threads to run: {@code consumer.concurrency}, or when 0, one per core on the batch
   * lane and {@value #INTERACTIVE_CONSUMERS_PER_CORE} per core (at most one per partition) on the
   * interactive lane, where more consumers mean more users' requests gathered into each model call
   * and database work done while the model runs.
   */
  public int consumerThreads() {
    if (consumer.concurrency() > 0) {
      return consumer.concurrency();
    }
    int cores = Runtime.getRuntime().availableProcessors();
    return lane == Lane.INTERACTIVE
        ? Math.min(Topics.PARTITIONS, INTERACTIVE_CONSUMERS_PER_CORE * cores)
        : cores;
  }

  static final int INTERACTIVE_CONSUMERS_PER_CORE = 3;

  /** Model calls that run at once: {@code batching.model-threads}, or one per core when 0. */
  public int modelThreads() {
    return batching.modelThreads() > 0
        ? batching.modelThreads()
        : Runtime.getRuntime().availableProcessors();
  }

  /** Most segments in one model call: {@code batching.max-segments}, or the lane's default. */
  public int maxSegmentsPerCall() {
    if (batching.maxSegments() != null) {
      return batching.maxSegments();
    }
    return lane == Lane.INTERACTIVE
        ? Batching.INTERACTIVE_MAX_SEGMENTS
        : Batching.BATCH_MAX_SEGMENTS;
  }

  /** How long a model call with room waits for more: {@code batching.linger}, or the lane's. */
  public Duration linger() {
    if (batching.linger() != null) {
      return batching.linger();
    }
    return lane == Lane.INTERACTIVE ? Batching.INTERACTIVE_LINGER : Duration.ZERO;
  }

  /**
   * Following the model registry.
   *
   * @param cacheDirectory where bundles named by the registry are copied and verified before they
   *     load (an emptyDir on Kubernetes)
   * @param recheckInterval how often the registry is read even without a {@code model.events}
   *     record, so a missed event delays a rollout by at most this much
   * @param downloadTimeout the longest one http(s) bundle file may take to download
   * @param maxFileSize the largest file a bundle may have
   */
  public record Models(
      Path cacheDirectory,
      Duration recheckInterval,
      Duration downloadTimeout,
      DataSize maxFileSize) {

    public Models {
      Objects.requireNonNull(cacheDirectory, "translation.worker.models.cache-directory");
      Objects.requireNonNull(recheckInterval, "translation.worker.models.recheck-interval");
      Objects.requireNonNull(downloadTimeout, "translation.worker.models.download-timeout");
      Objects.requireNonNull(maxFileSize, "translation.worker.models.max-file-size");
      if (recheckInterval.isNegative() || recheckInterval.isZero()) {
        throw new IllegalArgumentException(
            "translation.worker.models.recheck-interval must be positive");
      }
    }
  }

  /**
   * The engine refuses input over these limits (a text) or splits its work by them (a model batch);
   * see {@link EngineOptions}.
   *
   * @param maxTextChars longest segment translated, in characters; a longer one fails with a
   *     message saying so, it is never cut
   * @param maxBatchSentences most sentences decoded in one model batch
   * @param maxBatchTokens most source pieces (sentences x longest sentence) in one model batch, so
   *     a batch of long sentences does not exhaust memory
   */
  public record EngineLimits(int maxTextChars, int maxBatchSentences, int maxBatchTokens) {
    public EngineLimits {
      if (maxTextChars < 1 || maxBatchSentences < 1 || maxBatchTokens < 1) {
        throw new IllegalArgumentException(
            "translation.worker.engine-limits.max-text-chars, max-batch-sentences and"
                + " max-batch-tokens must be >= 1");
      }
    }
  }

  /**
   * @param concurrency consumer threads per process, each with its own partitions; 0 = chosen by
   *     lane (see {@link WorkerProperties#consumerThreads()})
   * @param shutdownTimeout how long stopping waits for the in-flight poll to finish and commit;
   *     keep it below {@code spring.lifecycle.timeout-per-shutdown-phase}
   * @param batchLaneFetchMinSize on the batch lane only, how much a fetch waits for (up to {@code
   *     batchLaneFetchMaxWait}), so polls, and so engine calls, come full; the interactive lane
   *     keeps {@code spring.kafka.consumer.fetch-min-size} for the lowest latency
   * @param batchLaneFetchMaxWait on the batch lane only, the longest a fetch waits to fill
   */
  public record ConsumerSettings(
      int concurrency,
      Duration shutdownTimeout,
      DataSize batchLaneFetchMinSize,
      Duration batchLaneFetchMaxWait) {
    public ConsumerSettings {
      Objects.requireNonNull(batchLaneFetchMinSize, "batchLaneFetchMinSize");
      Objects.requireNonNull(batchLaneFetchMaxWait, "batchLaneFetchMaxWait");
      if (concurrency < 0) {
        throw new IllegalArgumentException(
            "translation.worker.consumer.concurrency must be 0 (one per core) or more");
      }
      Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    }
  }

  /**
   * @param maxSegments most segments in one model call, gathered from the records of polls of all
   *     consumer threads (a single larger message is still translated in one call); unset, {@value
   *     #INTERACTIVE_MAX_SEGMENTS} on the interactive lane (so no call there lasts long) and
   *     {@value #BATCH_MAX_SEGMENTS} on the batch lane (full calls, less padding, fewer round
   *     trips)
   * @param modelThreads model calls that run at once, each single-threaded by default; 0 = one per
   *     core
   * @param linger how long a model call that has room waits for more requests; unset, 2 ms on the
   *     interactive lane and none on the batch lane
   */
  public record Batching(Integer maxSegments, int modelThreads, Duration linger) {

    static final int INTERACTIVE_MAX_SEGMENTS = 64;
    static final int BATCH_MAX_SEGMENTS = 256;
    static final Duration INTERACTIVE_LINGER = Duration.ofMillis(2);

    public Batching {
      if (maxSegments != null && maxSegments < 1) {
        throw new IllegalArgumentException("translation.worker.batching.max-segments must be >= 1");
      }
      if (modelThreads < 0) {
        throw new IllegalArgumentException(
            "translation.worker.batching.model-threads must be 0 (one per core) or more");
      }
      if (linger != null && linger.isNegative()) {
        throw new IllegalArgumentException(
            "translation.worker.batching.linger must not be negative");
      }
    }
  }

  /**
   * @param beamSize 1 for greedy decoding (fastest), more for beam search; unset, it follows the
   *     lane: {@value #INTERACTIVE_BEAM_SIZE} on the interactive lane, whose short texts wait more
   *     for the plumbing than for the model, and greedy on the batch lane, where throughput counts
   * @param lengthPenalty beam search's length normalisation exponent; unset, the model's own
   *     ({@code generation.lengthPenalty} in its {@code model.json})
   */
  public record Decoding(Integer beamSize, Double lengthPenalty) {

    static final int INTERACTIVE_BEAM_SIZE = 4;

    public Decoding {
      if (beamSize != null && beamSize < 1) {
        throw new IllegalArgumentException("translation.worker.decoding.beam-size must be >= 1");
      }
    }

    /** The decoding a worker of {@code lane} uses. */
    public DecodeOptions options(Lane lane) {
      int beam = beamSize != null ? beamSize : lane == Lane.INTERACTIVE ? INTERACTIVE_BEAM_SIZE : 1;
      return new DecodeOptions(beam, lengthPenalty);
    }
  }

  /**
   * @param maxRetries retries of a record after a transient fault before it is dead-lettered
   * @param initialInterval first backoff
   * @param multiplier backoff growth
   * @param maxInterval longest backoff
   */
  public record Retry(
      int maxRetries, Duration initialInterval, double multiplier, Duration maxInterval) {}

  /**
   * @param signingKey the secret all workers of a lane share (a Kubernetes Secret; {@code
   *     DEAD_LETTER_SIGNING_KEY}): dead letters are signed with it, and only signed ones mark
   *     segments failed
   */
  public record DeadLetters(String signingKey) {
    @Override
    public String toString() {
      return "DeadLetters[signingKey=<hidden>]";
    }
  }

  /**
   * @param create whether to create missing pipeline topics at startup
   * @param replicationFactor replicas per partition of created topics (1 locally, 3 on the cluster)
   */
  public record TopicCreation(boolean create, short replicationFactor) {}
}
