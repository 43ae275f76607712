package dev.translation.submit.web;

import dev.translation.submit.jobs.JobResult;
import dev.translation.submit.jobs.TextResult;
import java.util.List;

/**
 * A job's translations in input order. Served whatever the job's status: while it runs, finished
 * segments carry their translation and the others are {@code pending}; {@code finished} says
 * whether anything can still change.
 *
 * @param jobId the job
 * @param status the job's status
 * @param finished whether the status is final
 * @param counts segment counts
 * @param modelVersions model versions that produced the translations
 * @param segments every segment, in input order
 * @param links the job's links
 */
public record JobResultResponse(
    String jobId,
    String status,
    boolean finished,
    JobResponse.Counts counts,
    List<String> modelVersions,
    List<Segment> segments,
    JobResponse.Links links) {

  static JobResultResponse of(JobResult result) {
    var job = result.job();
    return new JobResultResponse(
        job.id(),
        JobResponse.wire(job.status()),
        job.status().isTerminal(),
        JobResponse.Counts.of(job),
        job.modelVersions(),
        result.texts().stream().map(Segment::of).toList(),
        JobResponse.Links.of(job.id()));
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
