package dev.translation.submit.jobs;

/**
 * No job with this id belongs to the caller: 404. Also for other keys' jobs, so a key cannot even
 * learn that a job id exists.
 */
public class JobNotFoundException extends RuntimeException {

  public JobNotFoundException(String jobId) {
    super("no job with id '" + jobId + "' for this API key");
  }
}
