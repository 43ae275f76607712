package dev.translation.cli.api;

/**
 * The API could not be reached, did not answer in time, or failed on its side (a 5xx): the request
 * may succeed later.
 */
public final class ApiUnavailableException extends ApiException {

  /** An answer that contradicts an earlier one, which only the API can explain. */
  public ApiUnavailableException(String message) {
    super(message, null);
  }

  ApiUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
