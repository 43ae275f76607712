package dev.translation.worker.config;

import dev.translation.contracts.Lane;
import dev.translation.engine.inference.DecodeOptions;
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
 * @param modelBundle the model bundle directory; a relative path not found under the working
 *     directory is looked up in its parents (so a run from a module directory finds the repo's
 *     {@code models/})
 * @param modelThreadsPerCall libtorch threads one model call uses (0 = one per core); with one
 *     thread per call and one consumer thread per core, the calls run side by side and never wait
 *     for each other's threads, which gives the most segments per second
 * @param consumer the Kafka consumer side
 * @param batching how segments are grouped into model calls
 * @param decoding how the engine searches
 * @param retry backoff for transient faults before a record is dead-lettered
 * @param topics topic creation at startup
 */
@ConfigurationProperties("translation.worker")
public record WorkerProperties(
    Lane lane,
    Path modelBundle,
    int modelThreadsPerCall,
    Consumer consumer,
    Batching batching,
    Decoding decoding,
    Retry retry,
    Topics topics) {

  public WorkerProperties {
    Objects.requireNonNull(lane, "translation.worker.lane (interactive or batch)");
    Objects.requireNonNull(modelBundle, "translation.worker.model-bundle");
    if (modelThreadsPerCall < 0) {
      throw new IllegalArgumentException(
          "translation.worker.model-threads-per-call must be 0 (one per core) or more");
    }
    Objects.requireNonNull(consumer, "translation.worker.consumer");
    Objects.requireNonNull(batching, "translation.worker.batching");
    Objects.requireNonNull(decoding, "translation.worker.decoding");
    Objects.requireNonNull(retry, "translation.worker.retry");
    Objects.requireNonNull(topics, "translation.worker.topics");
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
   * @param concurrency consumer threads per process, each with its own partitions and its own model
   *     calls; 0 = one per core available to the process
   * @param shutdownTimeout how long stopping waits for the in-flight poll to finish and commit;
   *     keep it below {@code spring.lifecycle.timeout-per-shutdown-phase}
   * @param batchLaneFetchMinSize on the batch lane only, how much a fetch waits for (up to {@code
   *     batchLaneFetchMaxWait}), so polls, and so engine calls, come full; the interactive lane
   *     keeps {@code spring.kafka.consumer.fetch-min-size} for the lowest latency
   * @param batchLaneFetchMaxWait on the batch lane only, the longest a fetch waits to fill
   */
  public record Consumer(
      int concurrency,
      Duration shutdownTimeout,
      DataSize batchLaneFetchMinSize,
      Duration batchLaneFetchMaxWait) {
    public Consumer {
      Objects.requireNonNull(batchLaneFetchMinSize, "batchLaneFetchMinSize");
      Objects.requireNonNull(batchLaneFetchMaxWait, "batchLaneFetchMaxWait");
      if (concurrency < 0) {
        throw new IllegalArgumentException(
            "translation.worker.consumer.concurrency must be 0 (one per core) or more");
      }
      Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    }

    /** Consumer threads to run: {@link #concurrency()}, or one per available core when 0. */
    public int threads() {
      return concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
    }
  }

  /**
   * @param maxSegments most segments collected from the records of a poll into one model call (a
   *     single larger message is still translated in one call)
   */
  public record Batching(int maxSegments) {
    public Batching {
      if (maxSegments < 1) {
        throw new IllegalArgumentException("translation.worker.batching.max-segments must be >= 1");
      }
    }
  }

  /**
   * @param beamSize 1 for greedy decoding (fastest), more for beam search; unset, it follows the
   *     lane: {@value #INTERACTIVE_BEAM_SIZE} on the interactive lane, whose short texts wait more
   *     for the plumbing than for the model, and greedy on the batch lane, where throughput counts
   * @param lengthPenalty beam search's length normalisation exponent
   */
  public record Decoding(Integer beamSize, double lengthPenalty) {

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
   * @param create whether to create missing pipeline topics at startup
   * @param replicationFactor replicas per partition of created topics (1 locally, 3 on the cluster)
   */
  public record Topics(boolean create, short replicationFactor) {}
}
