package dev.translation.submit.jobs;

import java.util.Map;

/**
 * A well-formed request that cannot be accepted as asked (empty, too many or too long texts, an
 * unsupported language pair, ...): 422 with this message, which says what is wrong and what is
 * allowed. {@link #details()} become extra members of the problem detail.
 */
public class InvalidRequestException extends RuntimeException {

  private final Map<String, Object> details;

  public InvalidRequestException(String message) {
    this(message, Map.of());
  }

  public InvalidRequestException(String message, Map<String, Object> details) {
    super(message);
    this.details = Map.copyOf(details);
  }

  /** Machine-readable details, e.g. {@code index} and {@code limit}. */
  public Map<String, Object> details() {
    return details;
  }
}
