package dev.translation.cli.api;

/** A request the API did not carry out. */
public abstract sealed class ApiException extends RuntimeException
    permits ApiRejectedException, ApiUnavailableException {

  ApiException(String message, Throwable cause) {
    super(message, cause);
  }
}
