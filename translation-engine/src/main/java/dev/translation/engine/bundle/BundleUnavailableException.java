package dev.translation.engine.bundle;

import dev.translation.engine.ModelUnavailableException;

/**
 * A bundle could not be fetched for a reason that may pass (a connection reset, a timeout, a server
 * answering 5xx, 408 or 429): unlike {@link InvalidModelBundleException}, trying again may help.
 */
public class BundleUnavailableException extends ModelUnavailableException {

  public BundleUnavailableException(String message) {
    super(message);
  }

  public BundleUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
