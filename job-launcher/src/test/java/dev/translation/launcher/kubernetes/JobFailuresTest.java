package dev.translation.launcher.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobFailuresTest {

  @Test
  void failedIndexesAreReadFromKubernetesIntervalList() {
    assertThat(JobFailures.failedIndexes(job("1,3-5,9"))).containsExactly(1, 3, 4, 5, 9);
    assertThat(JobFailures.failedIndexes(job(""))).isEmpty();
    assertThat(JobFailures.failedIndexes(job(null))).isEmpty();
  }

  @Test
  void aPodsShardIsItsCompletionIndexLabelOrAnnotation() {
    Pod labelled =
        new PodBuilder()
            .withNewMetadata()
            .withName("a")
            .addToLabels(JobFailures.COMPLETION_INDEX, "3")
            .endMetadata()
            .build();
    Pod annotated =
        new PodBuilder()
            .withNewMetadata()
            .withName("b")
            .addToAnnotations(JobFailures.COMPLETION_INDEX, "2")
            .endMetadata()
            .build();
    Pod plain = new PodBuilder().withNewMetadata().withName("c").endMetadata().build();

    assertThat(JobFailures.shard(labelled)).isEqualTo(3);
    assertThat(JobFailures.shard(annotated)).isEqualTo(2);
    assertThat(JobFailures.shard(plain)).isZero();
  }

  @Test
  void aDeadlineIsNamedInWords() {
    Job job = job(null);

    assertThat(JobFailures.batchReason(job, failed("DeadlineExceeded"), List.of()))
        .isEqualTo("the batch ran longer than its deadline of 12 hours");
    assertThat(JobFailures.human(Duration.ofDays(7))).isEqualTo("7 days");
    assertThat(JobFailures.human(Duration.ofMinutes(90))).isEqualTo("90 minutes");
    assertThat(JobFailures.human(Duration.ofSeconds(1))).isEqualTo("1 second");
  }

  @Test
  void tooManyFailedShardsAreNamedWithTheLimit() {
    Job job = job("0,2");

    assertThat(JobFailures.batchReason(job, failed("MaxFailedIndexesExceeded"), List.of()))
        .isEqualTo("shards 0, 2 failed, more than the 1 allowed to fail");
  }

  @Test
  void aShardWithBadInputSaysSoRatherThanOutOfRetries() {
    Job job = job("2");
    Pod badInput =
        new PodBuilder()
            .withNewMetadata()
            .withName("corpus-b-2-x")
            .addToLabels(JobFailures.COMPLETION_INDEX, "2")
            .endMetadata()
            .withNewStatus()
            .withPhase("Failed")
            .addNewContainerStatus()
            .withName(BatchJobs.CONTAINER)
            .withNewState()
            .withNewTerminated()
            .withExitCode(BatchExitCodes.BAD_INPUT)
            .withMessage("line 12: not UTF-8")
            .endTerminated()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();

    assertThat(JobFailures.shardReason(job, 2, List.of(badInput)))
        .isEqualTo("bad input: shard 2's runner exited with code 3: line 12: not UTF-8");
    assertThat(JobFailures.shardReason(job, 1, List.of(badInput)))
        .isEqualTo("shard 1 failed 3 times, more than its backoff limit of 2");
  }

  @Test
  void anUnknownFailureKeepsTheControllersWords() {
    assertThat(JobFailures.batchReason(job(null), failed("SomethingNew"), List.of()))
        .isEqualTo("its Kubernetes Job failed (SomethingNew): the controller says SomethingNew");
  }

  private static Job job(String failedIndexes) {
    return new JobBuilder()
        .withNewMetadata()
        .withName("corpus-b")
        .endMetadata()
        .withNewSpec()
        .withCompletionMode("Indexed")
        .withBackoffLimit(6)
        .withBackoffLimitPerIndex(2)
        .withMaxFailedIndexes(1)
        .withActiveDeadlineSeconds(12 * 3600L)
        .endSpec()
        .withNewStatus()
        .withFailedIndexes(failedIndexes)
        .endStatus()
        .build();
  }

  private static JobCondition failed(String reason) {
    return new JobConditionBuilder()
        .withType("Failed")
        .withStatus("True")
        .withReason(reason)
        .withMessage("the controller says " + reason)
        .build();
  }
}
