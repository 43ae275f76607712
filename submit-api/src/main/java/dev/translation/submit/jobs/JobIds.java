package dev.translation.submit.jobs;

import java.util.UUID;

/** Job ids as clients send them in paths. */
final class JobIds {

  private JobIds() {}

  /**
   * The id in canonical form. Job ids are UUIDs; anything else cannot exist, so it is simply not
   * found.
   *
   * @throws JobNotFoundException when {@code jobId} is no UUID
   */
  static String require(String jobId) {
    try {
      return UUID.fromString(jobId).toString();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new JobNotFoundException(jobId);
    }
  }
}
