package dev.translation.submit.jobs;

/** An Idempotency-Key sent again with a different request body: 422. */
public class IdempotencyKeyReusedException extends RuntimeException {

  private final String existingJobId;

  public IdempotencyKeyReusedException(String idempotencyKey, String existingJobId) {
    super(
        "Idempotency-Key '"
            + idempotencyKey
            + "' was already used for a different request (job "
            + existingJobId
            + "); send a new key for a new request, or repeat the original body exactly");
    this.existingJobId = existingJobId;
  }

  public String existingJobId() {
    return existingJobId;
  }
}
