package dev.translation.submit.web;

import dev.translation.submit.jobs.JobDocument;
import dev.translation.submit.jobs.TranslationJob;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A job's status as the API shows it.
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
 */
public record JobResponse(
    String id,
    String status,
    String lane,
    String source,
    String target,
    String model,
    Counts counts,
    List<String> modelVersions,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Document document,
    Links links) {

  static JobResponse of(TranslationJob job) {
    return new JobResponse(
        job.id(),
        wire(job.status()),
        wire(job.lane()),
        job.source(),
        job.target(),
        job.modelHint(),
        Counts.of(job),
        job.modelVersions(),
        job.createdAt(),
        job.startedAt(),
        job.finishedAt(),
        Document.of(job.document()),
        Links.of(job.id(), job.document() != null));
  }

  static String wire(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Segment counts; {@code done + failed + cancelled + pending = total}. A job's texts are cut into
   * sentence segments, so {@code total} counts sentences (and parts of very long ones), and
   * progress moves sentence by sentence; {@code texts} is how many texts were submitted.
   *
   * @param texts texts in the request, each one entry of the result
   * @param total segments in the job
   * @param done translated
   * @param failed failed for good
   * @param cancelled cancelled before translation
   * @param pending still waiting
   */
  public record Counts(int texts, int total, int done, int failed, int cancelled, int pending) {
    static Counts of(TranslationJob job) {
      return new Counts(
          job.totalTexts(), job.total(), job.done(), job.failed(), job.cancelled(), job.pending());
    }
  }

  /**
   * @param self the job's status
   * @param result its translations
   * @param document the translated file, for a job submitted as one; else null
   */
  public record Links(String self, String result, String document) {
    static Links of(String jobId, boolean isDocument) {
      String self = JobController.jobPath(jobId);
      return new Links(self, self + "/result", isDocument ? self + "/document" : null);
    }
  }

  /**
   * The file a job was submitted as.
   *
   * @param name the name it was uploaded with
   * @param format its format, detected from its content
   * @param downloadFormat the format of the translated file (a PDF's is docx)
   * @param sizeBytes the uploaded file's size
   */
  public record Document(String name, String format, String downloadFormat, long sizeBytes) {
    static Document of(JobDocument document) {
      return document == null
          ? null
          : new Document(
              document.name(),
              document.format().apiName(),
              document.downloadFormat().apiName(),
              document.sizeBytes());
    }
  }
}
