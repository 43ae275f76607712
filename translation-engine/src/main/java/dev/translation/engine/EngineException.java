package dev.translation.engine;

/** Base of every failure the engine reports; callers decide retry policy by subtype. */
public class EngineException extends RuntimeException {

  public EngineException(String message) {
    super(message);
  }

  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
