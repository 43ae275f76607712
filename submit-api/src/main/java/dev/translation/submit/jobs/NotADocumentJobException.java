package dev.translation.submit.jobs;

/** A translated file was asked for of a job that was submitted as texts. */
public class NotADocumentJobException extends RuntimeException {

  public NotADocumentJobException(String jobId) {
    super(
        "job "
            + jobId
            + " was submitted as texts, not as a file: read its translation from GET /v1/jobs/"
            + jobId
            + "/result");
  }
}
