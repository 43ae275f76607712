package dev.translation.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * A job reached a final status, as it travels on {@link Topics#JOB_EVENTS} keyed by the job id.
 *
 * <p>A wake-up call, not a source of truth: whoever receives it reads the job from the database, so
 * a duplicated, late or forged event costs one read and changes nothing.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when produced by this code
 * @param jobId the job (a canonical lower-case UUID)
 * @param status its final status
 * @param finishedAt when the worker committed it
 */
public record JobFinishedEvent(
    int schemaVersion, String jobId, JobStatus status, Instant finishedAt) {

  /** The schema version this code writes. */
  public static final int SCHEMA_VERSION = 1;

  /** Validates the event. */
  public JobFinishedEvent {
    if (!TranslationBatchMessage.isJobId(jobId)) {
      throw new IllegalArgumentException("jobId must be a lower-case UUID");
    }
    Objects.requireNonNull(status, "status");
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("status " + status + " is not final");
    }
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  /** An event in the current schema version. */
  public static JobFinishedEvent of(String jobId, JobStatus status, Instant finishedAt) {
    return new JobFinishedEvent(SCHEMA_VERSION, jobId, status, finishedAt);
  }
}
