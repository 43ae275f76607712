package dev.translation.submit.security;

/** The request carries no API key, or one that is unknown or revoked: 401. */
public class ApiKeyRejectedException extends RuntimeException {

  private final boolean keyPresent;

  public ApiKeyRejectedException(String message, boolean keyPresent) {
    super(message);
    this.keyPresent = keyPresent;
  }

  /** Whether a key was sent at all (it then was wrong), for the WWW-Authenticate error code. */
  public boolean keyPresent() {
    return keyPresent;
  }
}
