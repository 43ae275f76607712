package dev.translation.engine;

/**
 * The input itself cannot be translated (too long, not text). Retrying the same input can never
 * succeed, so callers should fail it at once rather than retry.
 */
public class InvalidInputException extends EngineException {

  public InvalidInputException(String message) {
    super(message);
  }
}
