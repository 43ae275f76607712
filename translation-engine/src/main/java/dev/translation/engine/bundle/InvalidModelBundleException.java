package dev.translation.engine.bundle;

import dev.translation.engine.ModelUnavailableException;

/** A bundle directory is incomplete, unreadable, or its files do not match their checksums. */
public class InvalidModelBundleException extends ModelUnavailableException {

  public InvalidModelBundleException(String message) {
    super(message);
  }

  public InvalidModelBundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
