package dev.translation.submit.jobs;

import dev.translation.contracts.JobStatus;
import java.util.Locale;

/** Cancelling a job that already finished: 409. */
public class JobAlreadyFinishedException extends RuntimeException {

  public JobAlreadyFinishedException(String jobId, JobStatus status) {
    super(
        "job "
            + jobId
            + " already finished with status "
            + status.name().toLowerCase(Locale.ROOT)
            + "; there is nothing left to cancel");
  }
}
