package dev.translation.worker.messaging;

/**
 * A well-formed message this worker can never process (a schema version it does not know, a
 * language pair its model does not translate). Not retried: it goes straight to the dead-letter
 * topic.
 */
public class UnsupportedMessageException extends RuntimeException {

  public UnsupportedMessageException(String message) {
    super(message);
  }
}
