package dev.translation.submit.jobs;

import dev.translation.contracts.Sha256;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * SHA-256 of a validated request's JSON, stored with its job: a retry with the same Idempotency-Key
 * is the same request when the hashes match, whatever the JSON layout the client sent. Jobs stored
 * earlier keep their hashes, so the JSON form of {@link ValidRequest} must not change.
 */
@Component
public class RequestHash {

  private final JsonMapper json;

  public RequestHash(JsonMapper json) {
    this.json = json;
  }

  /** The hash of the normalised request, 64 lower-case hex digits. */
  public String of(ValidRequest request) {
    return Sha256.hex(json.writeValueAsString(request));
  }
}
