package dev.translation.launcher.kubernetes;

import static dev.translation.launcher.kubernetes.RecordingExecutionEvents.Kind.ATTEMPT_FAILED;
import static dev.translation.launcher.kubernetes.RecordingExecutionEvents.Kind.BATCH_COMPLETED;
import static dev.translation.launcher.kubernetes.RecordingExecutionEvents.Kind.BATCH_FAILED;
import static dev.translation.launcher.kubernetes.RecordingExecutionEvents.Kind.SHARD_FAILED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.translation.contracts.LanguagePair;
import dev.translation.launcher.corpus.BatchPriority;
import dev.translation.launcher.corpus.CorpusBatch;
import dev.translation.launcher.corpus.CorpusFormat;
import dev.translation.launcher.kubernetes.RecordingExecutionEvents.Event;
import dev.translation.launcher.launch.LaunchedBatch;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes executor against fabric8's mock API server, with the test playing the Job
 * controller: it writes the Jobs' status and creates the pods a controller would have run. Nothing
 * else changes anything, so every report the executor makes comes from what the test wrote.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesBatchExecutorIT {

  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final AtomicInteger TESTS = new AtomicInteger();

  static KubernetesClient client;
  static KubernetesMockServer server;

  /** Each test in a namespace of its own, so that no test's Jobs reach another's informer. */
  private final String namespace = "test-" + TESTS.incrementAndGet();

  private final RecordingExecutionEvents events = new RecordingExecutionEvents();
  private final Map<KubernetesBatchExecutor, RecordingExecutionEvents> executors =
      new LinkedHashMap<>();

  @AfterEach
  void closeExecutors() {
    new ArrayList<>(executors.keySet()).forEach(this::close);
  }

  /**
   * Closes an executor once its informer has been sent every event of its watch. The mock server
   * blocks its event loop (for up to 30 s) when a watch is closed while it is still sending on it,
   * and a new watch is sent every existing Job at once. A batch that completes through the executor
   * proves the watch is drained: the server sends each watch's events in order.
   */
  private void close(KubernetesBatchExecutor executor) {
    RecordingExecutionEvents recorder = executors.remove(executor);
    String barrier = "drained-" + TESTS.incrementAndGet();
    executor.launch(batch(barrier, 1));
    updateStatus(barrier, status -> status.setConditions(List.of(condition("Complete", null))));
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(recorder.of(barrier, BATCH_COMPLETED)).hasSize(1));
    executor.close();
  }

  @Test
  void aLaunchedBatchIsTheBuildersJobWhoseRetriedAttemptsAndCompletionAreReported() {
    KubernetesBatchExecutor executor = executor(events);

    executor.launch(batch("retried", 2));

    Job job = job("retried");
    JobSpec spec = job.getSpec();
    assertThat(job.getMetadata().getLabels()).containsEntry(BatchJobs.BATCH_LABEL, "retried");
    assertThat(spec.getCompletionMode()).isEqualTo("Indexed");
    assertThat(spec.getCompletions()).isEqualTo(2);
    assertThat(spec.getBackoffLimit()).isEqualTo(6);
    assertThat(spec.getBackoffLimitPerIndex()).isEqualTo(2);
    assertThat(spec.getActiveDeadlineSeconds()).isEqualTo(12 * 3600L);
    assertThat(spec.getTemplate().getSpec().getPriorityClassName())
        .isEqualTo("translation-batch-high");
    assertThat(spec.getTemplate().getSpec().getContainers().getFirst().getImage())
        .isEqualTo("registry.example/translation/job-launcher:1.0");

    // Shard 1's first pod fails on something transient; the controller counts it and replaces it.
    failedPod("retried", "corpus-retried-1-aaaaa", 1, BatchExitCodes.TRANSIENT, "Kafka timed out");
    updateStatus("retried", status -> status.setFailed(1));
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(events.of("retried", ATTEMPT_FAILED)).hasSize(1));

    failedPod("retried", "corpus-retried-0-bbbbb", 0, BatchExitCodes.TRANSIENT, null);
    updateStatus("retried", status -> status.setFailed(2));
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(events.of("retried", ATTEMPT_FAILED)).hasSize(2));

    updateStatus(
        "retried",
        status -> {
          status.setSucceeded(2);
          status.setCompletedIndexes("0,1");
          status.setConditions(
              List.of(condition("SuccessCriteriaMet", null), condition("Complete", null)));
        });
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(events.of("retried", BATCH_COMPLETED)).hasSize(1));

    assertThat(events.of("retried", ATTEMPT_FAILED))
        .extracting(Event::shard, Event::exitCode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, BatchExitCodes.TRANSIENT),
            org.assertj.core.groups.Tuple.tuple(0, BatchExitCodes.TRANSIENT));
    assertThat(events.of("retried", ATTEMPT_FAILED).getFirst().reason())
        .contains("corpus-retried-1-aaaaa", "code 4", "Kafka timed out");
    assertThat(events.of("retried", BATCH_FAILED)).isEmpty();
    assertThat(events.of("retried", SHARD_FAILED)).isEmpty();
  }

  @Test
  void aBatchOutOfRetriesFailsSayingSo() {
    KubernetesBatchExecutor executor = executor(events);
    executor.launch(batch("exhausted", 1));

    failedPod("exhausted", "corpus-exhausted-aaaaa", null, BatchExitCodes.TRANSIENT, null);
    updateStatus(
        "exhausted",
        status -> {
          status.setFailed(7);
          status.setConditions(
              List.of(
                  condition("FailureTarget", "BackoffLimitExceeded"),
                  condition("Failed", "BackoffLimitExceeded")));
        });

    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(events.of("exhausted", BATCH_FAILED)).hasSize(1));
    assertThat(events.of("exhausted", BATCH_FAILED).getFirst().reason())
        .contains("failed 7 times", "backoff limit of 6");
    assertThat(events.of("exhausted", SHARD_FAILED))
        .singleElement()
        .satisfies(event -> assertThat(event.shard()).isZero());
    // The failure that used up the limit is not an attempt that will be retried.
    assertThat(events.of("exhausted", ATTEMPT_FAILED)).isEmpty();
  }

  @Test
  void badInputFailsTheBatchAtOnceWithTheRunnersMessage() {
    KubernetesBatchExecutor executor = executor(events);
    executor.launch(batch("unreadable", 1));

    failedPod(
        "unreadable",
        "corpus-unreadable-aaaaa",
        null,
        BatchExitCodes.BAD_INPUT,
        "no such corpus: in/corpus.txt");
    updateStatus(
        "unreadable",
        status -> {
          status.setFailed(1);
          status.setConditions(
              List.of(
                  condition("FailureTarget", "PodFailurePolicy"),
                  condition("Failed", "PodFailurePolicy")));
        });

    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(events.of("unreadable", BATCH_FAILED)).hasSize(1));
    assertThat(events.of("unreadable", BATCH_FAILED).getFirst().reason())
        .contains("bad input", "code 3", "no such corpus: in/corpus.txt");
    assertThat(events.of("unreadable", ATTEMPT_FAILED)).isEmpty();
  }

  @Test
  void aShardThatFailedForGoodIsReportedWithTheBatch() {
    KubernetesBatchExecutor executor = executor(events);
    executor.launch(batch("sharded", 3));

    failedPod("sharded", "corpus-sharded-1-aaaaa", 1, BatchExitCodes.TRANSIENT, null);
    failedPod("sharded", "corpus-sharded-1-bbbbb", 1, BatchExitCodes.TRANSIENT, null);
    failedPod("sharded", "corpus-sharded-1-ccccc", 1, BatchExitCodes.TRANSIENT, null);
    updateStatus(
        "sharded",
        status -> {
          status.setFailed(3);
          status.setSucceeded(2);
          status.setCompletedIndexes("0,2");
          status.setFailedIndexes("1");
          status.setConditions(
              List.of(
                  condition("FailureTarget", "FailedIndexes"),
                  condition("Failed", "FailedIndexes")));
        });

    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(events.of("sharded", BATCH_FAILED)).hasSize(1));
    assertThat(events.of("sharded", SHARD_FAILED))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.shard()).isEqualTo(1);
              assertThat(event.reason()).contains("shard 1", "backoff limit of 2");
            });
    assertThat(events.of("sharded", BATCH_FAILED).getFirst().reason()).contains("shard 1 failed");
    assertThat(events.of("sharded", ATTEMPT_FAILED)).isEmpty();
  }

  @Test
  void cancelDeletesTheJobAndItsPods() {
    KubernetesBatchExecutor executor = executor(events);
    executor.launch(batch("cancelled", 2));
    runningPod("cancelled", "corpus-cancelled-0-aaaaa", 0);
    runningPod("cancelled", "corpus-cancelled-1-aaaaa", 1);

    executor.cancel("cancelled");

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(jobs().withName(BatchJobs.jobName("cancelled")).get()).isNull();
              assertThat(pods("cancelled")).isEmpty();
            });
  }

  @Test
  void aJobDeletedBySomeoneElseFailsItsBatchButACancelledOneDoesNot() {
    KubernetesBatchExecutor executor = executor(events);
    executor.launch(batch("withdrawn", 1));
    executor.launch(batch("removed", 1));

    executor.cancel("withdrawn");
    jobs().withName(BatchJobs.jobName("removed")).delete();

    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(events.of("removed", BATCH_FAILED)).hasSize(1));
    assertThat(events.of("removed", BATCH_FAILED).getFirst().reason())
        .isEqualTo("its Kubernetes Job was deleted");
    // The informer hands events over in order, so the cancelled Job's deletion has been seen.
    assertThat(events.of("withdrawn")).isEmpty();
  }

  @Test
  void aRestartedLauncherFollowsARunningJobAndReportsOnlyNewFailures() {
    RecordingExecutionEvents before = new RecordingExecutionEvents();
    KubernetesBatchExecutor first = executor(before);
    LaunchedBatch batch = batch("survivor", 1);
    first.launch(batch);
    failedPod("survivor", "corpus-survivor-aaaaa", null, BatchExitCodes.TRANSIENT, null);
    updateStatus("survivor", status -> status.setFailed(1));
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(before.of("survivor", ATTEMPT_FAILED)).hasSize(1));
    close(first);

    KubernetesBatchExecutor second = executor(events);
    second.reattach(List.of(batch));
    failedPod("survivor", "corpus-survivor-bbbbb", null, BatchExitCodes.TRANSIENT, null);
    updateStatus("survivor", status -> status.setFailed(2));
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(events.of("survivor", ATTEMPT_FAILED)).hasSize(1));
    updateStatus(
        "survivor",
        status -> {
          status.setSucceeded(1);
          status.setConditions(List.of(condition("Complete", null)));
        });

    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(events.of("survivor", BATCH_COMPLETED)).hasSize(1));
    assertThat(events.of("survivor", ATTEMPT_FAILED).getFirst().reason())
        .contains("corpus-survivor-bbbbb");
    assertThat(before.of("survivor", BATCH_COMPLETED)).isEmpty();
  }

  @Test
  void aRestartedLauncherReportsABatchThatFinishedWhileItWasDown() {
    LaunchedBatch batch = batch("finished", 1);
    RecordingExecutionEvents before = new RecordingExecutionEvents();
    KubernetesBatchExecutor first = executor(before);
    first.launch(batch);
    close(first);
    updateStatus(
        "finished",
        status -> {
          status.setSucceeded(1);
          status.setConditions(List.of(condition("Complete", null)));
        });
    KubernetesBatchExecutor restarted = executor(events);

    restarted.reattach(List.of(batch));

    assertThat(events.of("finished", BATCH_COMPLETED)).hasSize(1);
    assertThat(before.of("finished")).isEmpty();
  }

  @Test
  void aRestartedLauncherFailsABatchWhoseJobIsGone() {
    KubernetesBatchExecutor restarted = executor(events);

    restarted.reattach(List.of(batch("vanished", 2)));

    assertThat(events.of("vanished", BATCH_FAILED))
        .singleElement()
        .satisfies(event -> assertThat(event.reason()).contains("Job no longer exists"));
  }

  @Test
  void launchingABatchWhoseJobExistsFollowsThatJob() {
    LaunchedBatch batch = batch("relaunched", 1);
    BatchJobSpec spec = new KubernetesBatchExecutor(client, properties(), events).jobSpec(batch);
    jobs().resource(BatchJobs.corpusJob(spec)).create();
    KubernetesBatchExecutor executor = executor(events);

    executor.launch(batch);
    updateStatus(
        "relaunched",
        status -> {
          status.setSucceeded(1);
          status.setConditions(List.of(condition("Complete", null)));
        });

    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(events.of("relaunched", BATCH_COMPLETED)).hasSize(1));
    assertThat(jobs().withLabel(BatchJobs.BATCH_LABEL, "relaunched").list().getItems()).hasSize(1);
  }

  @Test
  void aShardWithoutPodsHasNoLog() {
    KubernetesBatchExecutor executor = executor(events);
    executor.launch(batch("quiet", 2));

    assertThat(executor.log("quiet", 1, 20)).isEmpty();
  }

  @Test
  void theLogIsTheTailOfTheShardsNewestPod() {
    KubernetesBatchExecutor executor = executor(events);
    executor.launch(batch("chatty", 2));
    failedPod("chatty", "corpus-chatty-1-aaaaa", 1, BatchExitCodes.TRANSIENT, null);
    runningPod("chatty", "corpus-chatty-1-bbbbb", 1);
    runningPod("chatty", "corpus-chatty-0-ccccc", 0);
    // CRUD mode keeps no logs: the one log the server has is the newest shard 1 pod's.
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/"
                + namespace
                + "/pods/corpus-chatty-1-bbbbb/log?pretty=false&container=batch&tailLines=2")
        .andReturn(200, "chunk 7 committed\nchunk 8 committed\n")
        .always();

    assertThat(executor.log("chatty", 1, 2)).contains("chunk 7 committed\nchunk 8 committed\n");
  }

  private KubernetesBatchExecutor executor(RecordingExecutionEvents recorder) {
    KubernetesBatchExecutor executor = new KubernetesBatchExecutor(client, properties(), recorder);
    executors.put(executor, recorder);
    return executor;
  }

  private KubernetesExecutorProperties properties() {
    return new KubernetesExecutorProperties(
        namespace,
        "registry.example/translation/job-launcher:1.0",
        "corpus-batch",
        new BatchJobSpec.Resources("1", "1Gi", "1", "1Gi"),
        new BatchJobSpec.Volumes("corpora", "translations", "models"),
        new BatchJobSpec.Settings(
            List.of("translation-pipeline", "job-launcher"),
            List.of("database-credentials", "kafka-user-job-launcher")),
        Duration.ofDays(7),
        Duration.ofMinutes(5),
        Map.of(BatchPriority.HIGH, "translation-batch-high"));
  }

  private static LaunchedBatch batch(String id, int shards) {
    return LaunchedBatch.of(
        new CorpusBatch(
            id,
            1,
            "in/corpus.txt",
            CorpusFormat.TEXT,
            null,
            false,
            "out/" + id,
            LanguagePair.GERMAN_TO_ENGLISH,
            shards),
        BatchPriority.HIGH,
        new LaunchedBatch.RetryLimits(6, 2, 0, Duration.ofHours(12)));
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          Job,
          io.fabric8.kubernetes.api.model.batch.v1.JobList,
          io.fabric8.kubernetes.client.dsl.ScalableResource<Job>>
      jobs() {
    return client.batch().v1().jobs().inNamespace(namespace);
  }

  private Job job(String batchId) {
    return jobs().withName(BatchJobs.jobName(batchId)).get();
  }

  /** What the Job controller would write into the Job's status. */
  private void updateStatus(String batchId, Consumer<JobStatus> change) {
    jobs()
        .withName(BatchJobs.jobName(batchId))
        .editStatus(
            job -> {
              JobStatus status = job.getStatus() == null ? new JobStatus() : job.getStatus();
              change.accept(status);
              job.setStatus(status);
              return job;
            });
  }

  private static JobCondition condition(String type, String reason) {
    return new JobConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withReason(reason)
        .withMessage(reason == null ? null : "as the Job controller says: " + reason)
        .build();
  }

  private void runningPod(String batchId, String name, int shard) {
    createPod(batchId, name, shard);
    client
        .pods()
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            pod ->
                new PodBuilder(pod)
                    .withNewStatus()
                    .withPhase("Running")
                    .addNewContainerStatus()
                    .withName(BatchJobs.CONTAINER)
                    .withNewState()
                    .withNewRunning()
                    .endRunning()
                    .endState()
                    .endContainerStatus()
                    .endStatus()
                    .build());
  }

  /** A pod whose batch container ended with {@code exitCode} ({@code shard} null: plain Job). */
  private void failedPod(String batchId, String name, Integer shard, int exitCode, String message) {
    createPod(batchId, name, shard);
    client
        .pods()
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            pod ->
                new PodBuilder(pod)
                    .withNewStatus()
                    .withPhase("Failed")
                    .addNewContainerStatus()
                    .withName(BatchJobs.CONTAINER)
                    .withNewState()
                    .withNewTerminated()
                    .withExitCode(exitCode)
                    .withReason("Error")
                    .withMessage(message)
                    .endTerminated()
                    .endState()
                    .endContainerStatus()
                    .endStatus()
                    .build());
  }

  private void createPod(String batchId, String name, Integer shard) {
    Map<String, String> labels = new HashMap<>(BatchJobs.labels(batchId));
    labels.put("batch.kubernetes.io/job-name", BatchJobs.jobName(batchId));
    if (shard != null) {
      labels.put(JobFailures.COMPLETION_INDEX, String.valueOf(shard));
    }
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("Never")
            .addNewContainer()
            .withName(BatchJobs.CONTAINER)
            .withImage("registry.example/translation/job-launcher:1.0")
            .endContainer()
            .endSpec()
            .build();
    client.pods().inNamespace(namespace).resource(pod).create();
  }

  private List<Pod> pods(String batchId) {
    return client
        .pods()
        .inNamespace(namespace)
        .withLabel(BatchJobs.BATCH_LABEL, batchId)
        .list()
        .getItems();
  }
}
