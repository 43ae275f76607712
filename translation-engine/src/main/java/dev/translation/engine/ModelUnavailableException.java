package dev.translation.engine;

/**
 * The model could not be loaded or run (missing files, failed checksum, native failure). Unlike
 * {@link InvalidInputException} the input may well succeed later or on another model version.
 */
public class ModelUnavailableException extends EngineException {

  public ModelUnavailableException(String message) {
    super(message);
  }

  public ModelUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
