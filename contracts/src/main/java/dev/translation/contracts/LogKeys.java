package dev.translation.contracts;

/**
 * Keys of the logging context (SLF4J's MDC) that every app sets, spelled once so that a search of
 * all apps' logs for one job uses one key.
 */
public final class LogKeys {

  /** The job a log line is about; set wherever a job's work is handled. */
  public static final String JOB_ID = "jobId";

  private LogKeys() {}
}
