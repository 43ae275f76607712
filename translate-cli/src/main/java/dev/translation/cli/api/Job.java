package dev.translation.cli.api;

import dev.translation.contracts.JobStatus;
import java.time.Instant;
import java.util.Locale;

/**
 * A job as {@code GET /v1/jobs/{id}} shows it; fields the command line does not use are left out.
 *
 * @param id the job id
 * @param status queued, running, succeeded, partially_failed, failed or cancelled
 * @param source source language
 * @param target target language
 * @param counts texts, and the job's sentence segments by state
 * @param createdAt when the job was accepted
 * @param startedAt when its first segment finished, or null
 * @param finishedAt when it reached a final status, or null
 * @param document the file it was submitted as; null for texts
 */
public record Job(
    String id,
    String status,
    String source,
    String target,
    Counts counts,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Document document) {

  /** The status as the pipeline's enum. */
  public JobStatus jobStatus() {
    return JobStatus.valueOf(status.toUpperCase(Locale.ROOT));
  }

  /** Whether the job will not change any more. */
  public boolean finished() {
    return jobStatus().isTerminal();
  }

  /**
   * Segment counts; {@code done + failed + cancelled + pending = total}.
   *
   * @param texts texts submitted (a document's are its paragraphs, cells, cues...)
   * @param total sentence segments
   * @param done translated
   * @param failed failed for good
   * @param cancelled cancelled before translation
   * @param pending still waiting
   */
  public record Counts(int texts, int total, int done, int failed, int cancelled, int pending) {

    /** Segments that will not change any more. */
    public int finished() {
      return done + failed + cancelled;
    }

    /** These counts plus {@code other}'s, for a progress line over several jobs. */
    public Counts plus(Counts other) {
      return new Counts(
          texts + other.texts,
          total + other.total,
          done + other.done,
          failed + other.failed,
          cancelled + other.cancelled,
          pending + other.pending);
    }
  }

  /**
   * The file a job was submitted as.
   *
   * @param name the name it was uploaded with
   * @param format its format, as the API detected it
   * @param downloadFormat the format of the translated file
   * @param sizeBytes the uploaded size
   */
  public record Document(String name, String format, String downloadFormat, long sizeBytes) {}
}
