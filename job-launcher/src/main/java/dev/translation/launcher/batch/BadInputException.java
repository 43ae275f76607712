package dev.translation.launcher.batch;

/**
 * The batch's input cannot be translated however often it is retried: no such path or URL, a corpus
 * that is not UTF-8, an unsupported or malformed document. The runner exits with {@link
 * dev.translation.launcher.kubernetes.BatchExitCodes#BAD_INPUT}, which fails the batch (or the
 * shard) at once.
 */
public class BadInputException extends RuntimeException {

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
