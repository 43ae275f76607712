package dev.translation.training.marian;

/**
 * A checkpoint directory that is not a Marian checkpoint, is incomplete or inconsistent, or uses a
 * variant the engine does not implement. The message names the file and the setting.
 */
public class UnsupportedCheckpointException extends IllegalArgumentException {

  public UnsupportedCheckpointException(String message) {
    super(message);
  }

  public UnsupportedCheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
