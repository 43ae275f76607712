package dev.translation.submit.web;

import dev.translation.submit.jobs.JobResult;
import dev.translation.submit.jobs.TextResult;
import java.time.Instant;
import java.util.List;

/**
 * A job's translations in input order: the job exactly as {@link JobResponse} shows it, plus {@code
 * finished} and {@code segments}. Served whatever the job's status: while it runs, finished
 * segments carry their translation and the others are {@code pending}; {@code finished} says
 * whether anything can still change.
 *
 * @param id the job id
 * @param status queued, running, succeeded, partially_failed, failed or cancelled
 * @param lane interactive or batch
 * @param source source language
 * @param target target language
 * @param model the requested model, or null
 * @param counts segment counts
 * @param modelVersions model versions that produced the translations so far
 * @param createdAt when the job was accepted
 * @param startedAt when the first segment finished
 * @param finishedAt when the job reached a final status
 * @param document the file the job was submitted as; null for texts
 * @param links where to poll and fetch the result
 * @param finished whether the status is final
 * @param segments every segment, in input order
 */
public record JobResultResponse(
    String id,
    String status,
    String lane,
    String source,
    String target,
    String model,
    JobResponse.Counts counts,
    List<String> modelVersions,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    JobResponse.Document document,
    JobResponse.Links links,
    boolean finished,
    List<Segment> segments) {

  static JobResultResponse of(JobResult result) {
    JobResponse job = JobResponse.of(result.job());
    return new JobResultResponse(
        job.id(),
        job.status(),
        job.lane(),
        job.source(),
        job.target(),
        job.model(),
        job.counts(),
        job.modelVersions(),
        job.createdAt(),
        job.startedAt(),
        job.finishedAt(),
        job.document(),
        job.links(),
        result.job().status().isTerminal(),
        result.texts().stream().map(Segment::of).toList());
  }

  /**
   * One segment.
   *
   * @param index position in the request's texts
   * @param status pending, done, failed or cancelled
   * @param translation the translation when done
   * @param error why it failed, when failed
   * @param model the model version that translated it
   */
  public record Segment(int index, String status, String translation, String error, String model) {
    static Segment of(TextResult segment) {
      return new Segment(
          segment.index(),
          JobResponse.wire(segment.status()),
          segment.translation(),
          segment.error(),
          segment.modelVersion());
    }
  }
}
