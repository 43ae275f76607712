package dev.translation.submit.jobs;

import dev.translation.contracts.JobStatus;

/** The job's translated file was asked for before the job finished. */
public class JobNotFinishedException extends RuntimeException {

  private final String jobId;

  public JobNotFinishedException(String jobId, JobStatus status, int done, int total) {
    super(
        "job "
            + jobId
            + " has not finished ("
            + status.name().toLowerCase(java.util.Locale.ROOT)
            + ", "
            + done
            + " of "
            + total
            + " sentences done): poll GET /v1/jobs/"
            + jobId
            + " until it has, then download");
    this.jobId = jobId;
  }

  public String jobId() {
    return jobId;
  }
}
