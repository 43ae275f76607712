package dev.translation.launcher.kubernetes;

import dev.translation.launcher.launch.RunnerKind;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a corpus batch's Kubernetes Job from its spec, and nothing else: no client, no I/O, so
 * every field is unit-tested and the launcher's talking to the API server stays elsewhere.
 *
 * <p>The pods never restart in place ({@code restartPolicy: Never}): Kubernetes replaces a failed
 * pod, and its pod failure policy decides by exit code whether that is worth it (see {@link
 * BatchExitCodes}). A sharded batch is an Indexed Job, so each shard is retried on its own and the
 * others keep their work.
 */
public final class BatchJobs {

  /** The name of the container that runs the batch; the failure policy's exit codes refer to it. */
  public static final String CONTAINER = "batch";

  /** The label that names a Job's batch, for the launcher's informer and for people. */
  public static final String BATCH_LABEL = "translation.dev/batch-id";

  static final String INPUT_PATH = "/data/input";
  static final String OUTPUT_PATH = "/data/output";
  static final String MODELS_PATH = "/models";

  /** The images' non-root user (and group). */
  static final long RUNNER_UID = 10001;

  /** Where a pod's bundle cache lives (an emptyDir: the root filesystem is read-only). */
  static final String CACHE_PATH = "/cache";

  private BatchJobs() {}

  /**
   * The Job's name: {@code corpus-} and the batch id for a corpus batch; a model job's id ({@code
   * refresh-...}, {@code retrain-...}) as it is.
   */
  public static String jobName(String batchId) {
    return RunnerKind.of(batchId).isModelJob() ? batchId : "corpus-" + batchId;
  }

  /** The labels of the Job and its pods. */
  public static Map<String, String> labels(String batchId) {
    return sorted(
        "app.kubernetes.io/name",
        "translation-pipeline",
        "app.kubernetes.io/component",
        RunnerKind.of(batchId).component(),
        "app.kubernetes.io/part-of",
        "translation-pipeline",
        "app.kubernetes.io/managed-by",
        "job-launcher",
        BATCH_LABEL,
        batchId);
  }

  /** Sorted, so the manifests written from these objects read the same on every run. */
  private static <V> Map<String, V> sorted(Object... keysAndValues) {
    Map<String, V> map = new TreeMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      @SuppressWarnings("unchecked")
      V value = (V) keysAndValues[i + 1];
      map.put((String) keysAndValues[i], value);
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * The example batch of {@code k8s/jobs/corpus-batch-job.yaml}: two shards of the default image,
   * with the limits the launcher uses by default.
   */
  public static BatchJobSpec example() {
    return example("example", 2);
  }

  /**
   * An example run with the launcher's default image and limits: {@code k8s/jobs/} holds the Jobs
   * made from these for a corpus batch ({@code example}), a refresh ({@code refresh-example}) and a
   * retraining ({@code retrain-example}).
   */
  public static BatchJobSpec example(String id, int shards) {
    return new BatchJobSpec(
        id,
        "translation/job-launcher:0.1.0",
        shards,
        6,
        3,
        0,
        java.time.Duration.ofHours(24),
        java.time.Duration.ofDays(7),
        new BatchJobSpec.Resources("2", "1536Mi", "2", "2Gi"),
        "corpus-batch",
        new BatchJobSpec.Volumes("corpora", "translations", "models"),
        new BatchJobSpec.Settings(
            List.of("translation-pipeline", "job-launcher"),
            List.of("database-credentials", "kafka-user-job-launcher")),
        null);
  }

  /** The Job that runs {@code spec}'s batch. */
  public static Job corpusJob(BatchJobSpec spec) {
    JobSpecBuilder job =
        new JobSpecBuilder()
            .withActiveDeadlineSeconds(spec.activeDeadline().toSeconds())
            .withTtlSecondsAfterFinished(Math.toIntExact(spec.ttlAfterFinished().toSeconds()))
            .withPodFailurePolicy(podFailurePolicy(spec.indexed()))
            // The only replacement policy a pod failure policy allows: a pod is replaced once it
            // has failed, not while it is still terminating.
            .withPodReplacementPolicy("Failed")
            .withBackoffLimit(spec.backoffLimit());
    if (spec.indexed()) {
      job.withCompletionMode("Indexed")
          .withCompletions(spec.shards())
          .withParallelism(spec.shards())
          .withBackoffLimitPerIndex(spec.backoffLimitPerIndex())
          .withMaxFailedIndexes(spec.maxFailedIndexes());
    }
    job.withNewTemplate()
        .withNewMetadata()
        .withLabels(labels(spec.batchId()))
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withServiceAccountName(spec.serviceAccount())
        // A runner needs nothing from the Kubernetes API.
        .withAutomountServiceAccountToken(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(RUNNER_UID)
        .withRunAsGroup(RUNNER_UID)
        .withFsGroup(RUNNER_UID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .withPriorityClassName(spec.priorityClassName())
        .withContainers(container(spec, RunnerKind.of(spec.batchId()).writesModels()))
        .withVolumes(volumes(spec.volumes(), RunnerKind.of(spec.batchId()).writesModels()))
        .endSpec()
        .endTemplate();
    return new JobBuilder()
        .withNewMetadata()
        .withName(jobName(spec.batchId()))
        .withLabels(labels(spec.batchId()))
        .endMetadata()
        .withSpec(job.build())
        .build();
  }

  /**
   * Bad input fails the Job (or, sharded, only its shard) at once; a disruption is not the batch's
   * fault and is not counted; every other failure counts against the backoff limits.
   */
  static PodFailurePolicy podFailurePolicy(boolean indexed) {
    return new PodFailurePolicyBuilder()
        .addNewRule()
        .withAction("Ignore")
        .addNewOnPodCondition()
        .withType("DisruptionTarget")
        .withStatus("True")
        .endOnPodCondition()
        .endRule()
        .addNewRule()
        .withAction(indexed ? "FailIndex" : "FailJob")
        .withNewOnExitCodes()
        .withContainerName(CONTAINER)
        .withOperator("In")
        .withValues(BatchExitCodes.BAD_INPUT)
        .endOnExitCodes()
        .endRule()
        .build();
  }

  private static Container container(BatchJobSpec spec, boolean writesModels) {
    BatchJobSpec.Resources resources = spec.resources();
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(spec.image())
        .withArgs("--run", "--batch-id=" + spec.batchId())
        .withEnvFrom(environment(spec.settings()))
        .withResources(
            new ResourceRequirementsBuilder()
                .withRequests(
                    sorted(
                        "cpu", new Quantity(resources.cpuRequest()),
                        "memory", new Quantity(resources.memoryRequest())))
                .withLimits(
                    sorted(
                        "cpu", new Quantity(resources.cpuLimit()),
                        "memory", new Quantity(resources.memoryLimit())))
                .build())
        .addNewVolumeMount()
        .withName("input")
        .withMountPath(INPUT_PATH)
        .withReadOnly(true)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("output")
        .withMountPath(OUTPUT_PATH)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("models")
        .withMountPath(MODELS_PATH)
        .withReadOnly(!writesModels)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath("/tmp")
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("cache")
        .withMountPath(CACHE_PATH)
        .endVolumeMount()
        // The restricted Pod Security Standard, which the namespace enforces.
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .build();
  }

  private static List<EnvFromSource> environment(BatchJobSpec.Settings settings) {
    List<EnvFromSource> sources = new ArrayList<>();
    for (String configMap : settings.configMaps()) {
      sources.add(
          new EnvFromSourceBuilder()
              .withNewConfigMapRef()
              .withName(configMap)
              .endConfigMapRef()
              .build());
    }
    for (String secret : settings.secrets()) {
      sources.add(
          new EnvFromSourceBuilder().withNewSecretRef().withName(secret).endSecretRef().build());
    }
    return sources;
  }

  private static List<Volume> volumes(BatchJobSpec.Volumes volumes, boolean writesModels) {
    return List.of(
        claim("input", volumes.inputClaim(), true),
        claim("output", volumes.outputClaim(), false),
        claim("models", volumes.modelsClaim(), !writesModels),
        new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build(),
        // Bundles a model job copies and verifies before it loads them.
        new VolumeBuilder()
            .withName("cache")
            .withNewEmptyDir()
            .withSizeLimit(new Quantity("4Gi"))
            .endEmptyDir()
            .build());
  }

  private static Volume claim(String name, String claim, boolean readOnly) {
    return new VolumeBuilder()
        .withName(name)
        .withNewPersistentVolumeClaim()
        .withClaimName(claim)
        .withReadOnly(readOnly)
        .endPersistentVolumeClaim()
        .build();
  }
}
