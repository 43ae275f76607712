package dev.translation.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JobStatusTest {

  @Test
  void onlyQueuedAndRunningJobsCanStillChange() {
    assertThat(Arrays.stream(JobStatus.values()).filter(status -> !status.isTerminal()))
        .containsExactly(JobStatus.QUEUED, JobStatus.RUNNING);
    assertThat(Arrays.stream(JobStatus.values()).filter(JobStatus::isTerminal))
        .containsExactly(
            JobStatus.SUCCEEDED, JobStatus.PARTIALLY_FAILED, JobStatus.FAILED, JobStatus.CANCELLED);
  }

  @Test
  void completedJobStatusFollowsItsCounters() {
    assertThat(JobStatus.completedWith(1000, 0)).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(JobStatus.completedWith(999, 1)).isEqualTo(JobStatus.PARTIALLY_FAILED);
    assertThat(JobStatus.completedWith(0, 3)).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void completedWithRejectsImpossibleCounters() {
    assertThatIllegalArgumentException().isThrownBy(() -> JobStatus.completedWith(0, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> JobStatus.completedWith(-1, 2));
  }

  @Test
  void segmentIsTerminalOnceItLeftPending() {
    assertThat(SegmentStatus.PENDING.isTerminal()).isFalse();
    assertThat(SegmentStatus.DONE.isTerminal()).isTrue();
    assertThat(SegmentStatus.FAILED.isTerminal()).isTrue();
    assertThat(SegmentStatus.CANCELLED.isTerminal()).isTrue();
  }
}
