package dev.translation.worker.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.contracts.JobStatus;
import org.junit.jupiter.api.Test;

class JobProgressTest {

  @Test
  void jobWithWorkLeftIsRunning() {
    assertThat(new JobProgress(10, 3, 1, 0).nextStatus(JobStatus.QUEUED))
        .isEqualTo(JobStatus.RUNNING);
  }

  @Test
  void finishedJobGetsItsTerminalStatusFromTheCounters() {
    assertThat(new JobProgress(10, 10, 0, 0).nextStatus(JobStatus.RUNNING))
        .isEqualTo(JobStatus.SUCCEEDED);
    assertThat(new JobProgress(10, 7, 3, 0).nextStatus(JobStatus.RUNNING))
        .isEqualTo(JobStatus.PARTIALLY_FAILED);
    assertThat(new JobProgress(10, 0, 10, 0).nextStatus(JobStatus.RUNNING))
        .isEqualTo(JobStatus.FAILED);
    assertThat(new JobProgress(10, 8, 0, 2).nextStatus(JobStatus.RUNNING))
        .isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void cancelledJobStaysCancelledWhateverArrivesLate() {
    assertThat(new JobProgress(10, 10, 0, 0).nextStatus(JobStatus.CANCELLED))
        .isEqualTo(JobStatus.CANCELLED);
    assertThat(new JobProgress(10, 2, 0, 0).nextStatus(JobStatus.CANCELLED))
        .isEqualTo(JobStatus.CANCELLED);
  }
}
