package dev.translation.launcher.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a corpus batch's Kubernetes Job needs, decided by the launcher from a launch request and its
 * configuration.
 *
 * @param batchId the batch, lower-case letters, digits and dashes (it names the Job and labels its
 *     pods)
 * @param image the image whose entry point is the batch runner
 * @param shards how many pods share the corpus: 1 for a plain Job, more for an Indexed Job whose
 *     pods each take the share named by {@code JOB_COMPLETION_INDEX}
 * @param backoffLimit retries of the whole Job (plain), or of the whole Job's pods over all shards
 *     (Indexed, where {@code backoffLimitPerIndex} bounds each shard)
 * @param backoffLimitPerIndex retries of one shard (Indexed only)
 * @param maxFailedIndexes shards that may fail before the whole Job fails (Indexed only)
 * @param activeDeadline how long the Job may run in all
 * @param ttlAfterFinished how long a finished Job (and its pods' logs) is kept
 * @param resources what each pod requests and may use
 * @param serviceAccount the pods' service account (reads secrets, nothing in the cluster)
 * @param volumes the claims for input, output and models
 * @param settings where the runner's connection settings come from
 * @param priorityClassName the pods' priority class, so that an urgent batch's pods are scheduled
 *     (and kept) before a less urgent one's; null for the cluster's default
 */
public record BatchJobSpec(
    String batchId,
    String image,
    int shards,
    int backoffLimit,
    int backoffLimitPerIndex,
    int maxFailedIndexes,
    Duration activeDeadline,
    Duration ttlAfterFinished,
    Resources resources,
    String serviceAccount,
    Volumes volumes,
    Settings settings,
    String priorityClassName) {

  private static final Pattern BATCH_ID = Pattern.compile("[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?");

  /** Validates the spec against what Kubernetes accepts. */
  public BatchJobSpec {
    if (batchId == null || !BATCH_ID.matcher(batchId).matches()) {
      throw new IllegalArgumentException(
          "batch id must be 1 to 42 lower-case letters, digits and inner dashes: " + batchId);
    }
    Objects.requireNonNull(image, "image");
    if (shards < 1 || backoffLimit < 0 || backoffLimitPerIndex < 0 || maxFailedIndexes < 0) {
      throw new IllegalArgumentException("shards must be positive and limits not negative");
    }
    Objects.requireNonNull(activeDeadline, "activeDeadline");
    Objects.requireNonNull(ttlAfterFinished, "ttlAfterFinished");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(serviceAccount, "serviceAccount");
    Objects.requireNonNull(volumes, "volumes");
    Objects.requireNonNull(settings, "settings");
  }

  /** This spec with its pods in another priority class (null for the cluster's default). */
  public BatchJobSpec withPriorityClassName(String className) {
    return new BatchJobSpec(
        batchId,
        image,
        shards,
        backoffLimit,
        backoffLimitPerIndex,
        maxFailedIndexes,
        activeDeadline,
        ttlAfterFinished,
        resources,
        serviceAccount,
        volumes,
        settings,
        className);
  }

  /** Whether the corpus is split over several pods (an Indexed Job). */
  public boolean indexed() {
    return shards > 1;
  }

  /**
   * Per pod: requests are what the scheduler reserves, limits what the pod may use.
   *
   * @param cpuRequest e.g. {@code 2}
   * @param memoryRequest e.g. {@code 1536Mi}
   * @param cpuLimit e.g. {@code 2}
   * @param memoryLimit e.g. {@code 2Gi}
   */
  public record Resources(
      String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {}

  /**
   * Persistent volume claims and where the runner finds them.
   *
   * @param inputClaim the corpus (mounted read-only at {@code /data/input})
   * @param outputClaim where outputs are written ({@code /data/output})
   * @param modelsClaim model bundles (read-only, {@code /models})
   */
  public record Volumes(String inputClaim, String outputClaim, String modelsClaim) {}

  /**
   * The runner's settings and credentials, given to each pod as environment variables from these
   * objects of the Job's namespace (in this order, a later one winning).
   *
   * @param configMaps ConfigMaps with {@code DB_URL}, {@code KAFKA_BOOTSTRAP_SERVERS}, the Kafka
   *     client's security settings and the launcher's own
   * @param secrets Secrets with {@code DB_USER} and {@code DB_PASSWORD}, and the runner's Kafka
   *     user ({@code KAFKA_USERNAME}, {@code KAFKA_PASSWORD})
   */
  public record Settings(List<String> configMaps, List<String> secrets) {

    public Settings {
      configMaps = List.copyOf(Objects.requireNonNull(configMaps, "configMaps"));
      secrets = List.copyOf(Objects.requireNonNull(secrets, "secrets"));
    }
  }
}
