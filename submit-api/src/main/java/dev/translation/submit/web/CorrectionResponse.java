package dev.translation.submit.web;

import dev.translation.submit.jobs.Correction;
import java.time.Instant;

/**
 * A stored correction.
 *
 * @param id the correction's id
 * @param jobId the job
 * @param segmentIndex the segment's index, as the job's result lists it
 * @param translation the correction as stored (trimmed)
 * @param createdAt when it was stored
 * @param replaced whether it replaced an earlier correction of the segment
 */
public record CorrectionResponse(
    long id,
    String jobId,
    int segmentIndex,
    String translation,
    Instant createdAt,
    boolean replaced) {

  static CorrectionResponse of(Correction correction) {
    return new CorrectionResponse(
        correction.id(),
        correction.jobId(),
        correction.segmentIndex(),
        correction.translation(),
        correction.createdAt(),
        correction.replaced());
  }
}
