package dev.translation.launcher.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchJobsTest {

  private static BatchJobSpec spec(int shards) {
    return new BatchJobSpec(
        "b-42",
        "registry.example/translation/job-launcher:1.0",
        shards,
        6,
        2,
        1,
        Duration.ofHours(12),
        Duration.ofDays(1),
        new BatchJobSpec.Resources("2", "1536Mi", "2", "2Gi"),
        "corpus-batch",
        new BatchJobSpec.Volumes("corpora", "translations", "models"),
        new BatchJobSpec.Settings(List.of("pipeline-config"), List.of("db-credentials")),
        null);
  }

  @Test
  void aPlainBatchIsAJobThatRetriesAndFailsAtOnceOnBadInput() {
    Job job = BatchJobs.corpusJob(spec(1));
    JobSpec spec = job.getSpec();

    assertThat(job.getApiVersion()).isEqualTo("batch/v1");
    assertThat(job.getKind()).isEqualTo("Job");
    assertThat(job.getMetadata().getName()).isEqualTo("corpus-b-42");
    assertThat(job.getMetadata().getLabels())
        .containsEntry(BatchJobs.BATCH_LABEL, "b-42")
        .containsEntry("app.kubernetes.io/component", "corpus-batch")
        .containsEntry("app.kubernetes.io/managed-by", "job-launcher");
    assertThat(spec.getBackoffLimit()).isEqualTo(6);
    assertThat(spec.getCompletionMode()).isNull();
    assertThat(spec.getCompletions()).isNull();
    assertThat(spec.getBackoffLimitPerIndex()).isNull();
    assertThat(spec.getMaxFailedIndexes()).isNull();
    assertThat(spec.getActiveDeadlineSeconds()).isEqualTo(12 * 3600L);
    assertThat(spec.getTtlSecondsAfterFinished()).isEqualTo(86_400);
    assertThat(spec.getPodReplacementPolicy()).isEqualTo("Failed");
    assertThat(rules(job))
        .extracting(PodFailurePolicyRule::getAction)
        .containsExactly("Ignore", "FailJob");
    assertThat(rules(job).get(0).getOnPodConditions())
        .singleElement()
        .satisfies(
            condition -> {
              assertThat(condition.getType()).isEqualTo("DisruptionTarget");
              assertThat(condition.getStatus()).isEqualTo("True");
            });
    assertThat(rules(job).get(1).getOnExitCodes().getContainerName()).isEqualTo("batch");
    assertThat(rules(job).get(1).getOnExitCodes().getOperator()).isEqualTo("In");
    assertThat(rules(job).get(1).getOnExitCodes().getValues())
        .containsExactly(BatchExitCodes.BAD_INPUT);
  }

  @Test
  void aShardedBatchIsAnIndexedJobWhoseBadShardFailsAlone() {
    Job job = BatchJobs.corpusJob(spec(4));
    JobSpec spec = job.getSpec();

    assertThat(spec.getCompletionMode()).isEqualTo("Indexed");
    assertThat(spec.getCompletions()).isEqualTo(4);
    assertThat(spec.getParallelism()).isEqualTo(4);
    assertThat(spec.getBackoffLimitPerIndex()).isEqualTo(2);
    assertThat(spec.getMaxFailedIndexes()).isEqualTo(1);
    assertThat(rules(job))
        .extracting(PodFailurePolicyRule::getAction)
        .containsExactly("Ignore", "FailIndex");
  }

  @Test
  void thePodRunsTheBatchRunnerOnceWithItsVolumesAndLimits() {
    PodSpec pod = BatchJobs.corpusJob(spec(1)).getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().getFirst();

    // A pod failure policy requires pods that are never restarted in place.
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getServiceAccountName()).isEqualTo("corpus-batch");
    assertThat(pod.getContainers()).hasSize(1);
    assertThat(container.getName()).isEqualTo(BatchJobs.CONTAINER);
    assertThat(container.getImage()).isEqualTo("registry.example/translation/job-launcher:1.0");
    assertThat(container.getArgs()).containsExactly("--run", "--batch-id=b-42");
    // The runner's settings and credentials: ConfigMaps and Secrets of the namespace.
    assertThat(container.getEnvFrom())
        .extracting(
            from -> from.getConfigMapRef() == null ? null : from.getConfigMapRef().getName(),
            from -> from.getSecretRef() == null ? null : from.getSecretRef().getName())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("pipeline-config", null),
            org.assertj.core.groups.Tuple.tuple(null, "db-credentials"));
    assertThat(container.getResources().getRequests())
        .isEqualTo(Map.of("cpu", new Quantity("2"), "memory", new Quantity("1536Mi")));
    assertThat(container.getResources().getLimits())
        .isEqualTo(Map.of("cpu", new Quantity("2"), "memory", new Quantity("2Gi")));
    // The restricted Pod Security Standard.
    assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getSecurityContext().getSeccompProfile().getType())
        .isEqualTo("RuntimeDefault");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(container.getVolumeMounts())
        .extracting(VolumeMount::getName, VolumeMount::getMountPath, VolumeMount::getReadOnly)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("input", "/data/input", true),
            org.assertj.core.groups.Tuple.tuple("output", "/data/output", null),
            org.assertj.core.groups.Tuple.tuple("models", "/models", true),
            org.assertj.core.groups.Tuple.tuple("tmp", "/tmp", null),
            org.assertj.core.groups.Tuple.tuple("cache", "/cache", null));
    assertThat(pod.getVolumes())
        .extracting(
            Volume::getName,
            volume ->
                volume.getPersistentVolumeClaim() == null
                    ? "emptyDir"
                    : volume.getPersistentVolumeClaim().getClaimName())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("input", "corpora"),
            org.assertj.core.groups.Tuple.tuple("output", "translations"),
            org.assertj.core.groups.Tuple.tuple("models", "models"),
            org.assertj.core.groups.Tuple.tuple("tmp", "emptyDir"),
            org.assertj.core.groups.Tuple.tuple("cache", "emptyDir"));
    assertThat(BatchJobs.corpusJob(spec(1)).getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry(BatchJobs.BATCH_LABEL, "b-42");
  }

  @Test
  void anUrgentBatchsPodsTakeItsPriorityClass() {
    BatchJobSpec plain = spec(1);
    BatchJobSpec urgent = plain.withPriorityClassName("translation-batch-high");

    assertThat(BatchJobs.corpusJob(urgent).getSpec().getTemplate().getSpec().getPriorityClassName())
        .isEqualTo("translation-batch-high");
    assertThat(BatchJobs.corpusJob(plain).getSpec().getTemplate().getSpec().getPriorityClassName())
        .isNull();
  }

  @Test
  void aBatchIdKubernetesWouldRefuseIsRefusedFirst() {
    for (String id : List.of("", "B-42", "-b", "b-", "b_42", "x".repeat(43))) {
      assertThatIllegalArgumentException()
          .isThrownBy(
              () ->
                  new BatchJobSpec(
                      id,
                      "image",
                      1,
                      6,
                      0,
                      0,
                      Duration.ofHours(1),
                      Duration.ofHours(1),
                      spec(1).resources(),
                      "sa",
                      spec(1).volumes(),
                      spec(1).settings(),
                      null))
          .withMessageContaining("batch id");
    }
  }

  /**
   * {@code k8s/jobs/corpus-batch-job.yaml} is what the launcher creates for the example batch
   * there, so that the manifests a reader sees and what runs stay one object. Regenerate it with
   * {@code -Dk8s.jobs.write=true} after changing the builder.
   */
  @Test
  void aModelRefreshIsAPlainJobOfTheSameRunnerThatKeepsACopyOnTheModelsVolume() {
    Job job = BatchJobs.corpusJob(BatchJobs.example("refresh-x1", 1));

    assertThat(job.getMetadata().getName()).isEqualTo("refresh-x1");
    assertThat(job.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/component", "model-refresh")
        .containsEntry(BatchJobs.BATCH_LABEL, "refresh-x1");
    assertThat(job.getSpec().getCompletionMode()).isNull();
    assertThat(job.getSpec().getBackoffLimit()).isEqualTo(6);
    assertThat(rules(job).get(1).getAction()).isEqualTo("FailJob");
    Container container = job.getSpec().getTemplate().getSpec().getContainers().getFirst();
    assertThat(container.getArgs()).containsExactly("--run", "--batch-id=refresh-x1");
    assertThat(container.getVolumeMounts())
        .filteredOn(mount -> mount.getName().equals("models"))
        .singleElement()
        .satisfies(mount -> assertThat(mount.getReadOnly()).isFalse());
  }

  @Test
  void aRetrainingWritesItsBundleToTheModelsVolume() {
    Job job = BatchJobs.corpusJob(BatchJobs.example("retrain-x1", 1));

    assertThat(job.getMetadata().getName()).isEqualTo("retrain-x1");
    assertThat(job.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/component", "model-retrain");
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().getFirst().getVolumeMounts())
        .filteredOn(mount -> mount.getName().equals("models"))
        .singleElement()
        .satisfies(
            mount -> {
              assertThat(mount.getReadOnly()).isFalse();
              assertThat(mount.getMountPath()).isEqualTo(BatchJobs.MODELS_PATH);
            });
    assertThat(pod.getVolumes())
        .filteredOn(volume -> volume.getName().equals("models"))
        .singleElement()
        .satisfies(volume -> assertThat(volume.getPersistentVolumeClaim().getReadOnly()).isFalse());
  }

  @ParameterizedTest
  @CsvSource({
    "corpus-batch-job.yaml, example, 2, a corpus batch's Job",
    "model-refresh-job.yaml, refresh-example, 1, a model refresh's Job",
    "model-retrain-job.yaml, retrain-example, 1, a retraining's Job"
  })
  void theCommittedTemplatesAreWhatTheBuilderMakes(String file, String id, int shards, String what)
      throws Exception {
    Path template = Path.of("../k8s/jobs").resolve(file);
    Job built = BatchJobs.corpusJob(BatchJobs.example(id, shards));
    if (Boolean.getBoolean("k8s.jobs.write")) {
      Files.writeString(template, header(what, id) + Serialization.asYaml(built));
    }

    assertThat(Serialization.unmarshal(Files.readString(template), Job.class)).isEqualTo(built);
  }

  /**
   * The comment atop each file of {@code k8s/jobs/}: they are what the launcher creates, so that
   * the manifests a reader sees and what runs stay one object. Regenerate them with {@code
   * -Dk8s.jobs.write=true} after changing the builder.
   */
  private static String header(String what, String id) {
    return "# "
        + what
        + " as the job launcher creates it (for the example run \""
        + id
        + "\"; the launcher\n# fills in each run's id, shards and limits). Written by BatchJobsTest,"
        + " which fails when this\n# file and the launcher's builder disagree.\n";
  }

  private static List<PodFailurePolicyRule> rules(Job job) {
    return job.getSpec().getPodFailurePolicy().getRules();
  }
}
