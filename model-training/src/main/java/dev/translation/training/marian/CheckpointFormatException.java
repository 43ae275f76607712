package dev.translation.training.marian;

import java.io.Serial;

/**
 * A checkpoint whose content is malformed or not supported: a truncated storage, a dtype that is
 * not a weight type, a pickled object that does not belong in a state dict, a file of another
 * format. The message names the file and, where there is one, the tensor. Files that cannot be read
 * at all fail with an {@link java.io.IOException} instead.
 */
public final class CheckpointFormatException extends RuntimeException {

  @Serial private static final long serialVersionUID = 1L;

  public CheckpointFormatException(String message) {
    super(message);
  }

  public CheckpointFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
