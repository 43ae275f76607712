package dev.translation.launcher.launch;

/** The batch's state does not allow what was asked (cancelling a finished batch, a busy output). */
public class BatchConflictException extends RuntimeException {

  public BatchConflictException(String message) {
    super(message);
  }
}
