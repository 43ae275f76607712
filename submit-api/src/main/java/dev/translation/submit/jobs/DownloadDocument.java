package dev.translation.submit.jobs;

import dev.translation.contracts.SegmentStatus;
import dev.translation.documents.DocumentFormat;
import dev.translation.documents.FormatHandlers;
import dev.translation.documents.TextTranslation;
import dev.translation.segmentation.SentenceSegmenter;
import dev.translation.segmentation.TextPiece;
import dev.translation.submit.persistence.JobDocumentRepository;
import dev.translation.submit.persistence.StoredDocument;
import dev.translation.submit.persistence.StoredJob;
import dev.translation.submit.persistence.StoredSegment;
import dev.translation.submit.persistence.SubmittedJobRepository;
import dev.translation.submit.security.ApiKey;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Writes a finished document job's file with its texts translated. Sentences that failed or were
 * cancelled stay in the source language, so a partly failed job still gives a whole document; the
 * result says how many texts that affected.
 */
@Service
public class DownloadDocument {

  private final SubmittedJobRepository jobs;
  private final JobDocumentRepository documents;
  private final FormatHandlers formats;

  public DownloadDocument(
      SubmittedJobRepository jobs, JobDocumentRepository documents, FormatHandlers formats) {
    this.jobs = jobs;
    this.documents = documents;
    this.formats = formats;
  }

  /**
   * The caller's translated document.
   *
   * @throws JobNotFoundException when the caller has no such job
   * @throws NotADocumentJobException when the job was submitted as texts
   * @throws JobNotFinishedException when the job has not finished
   */
  public TranslatedDocument download(ApiKey caller, String jobId) {
    StoredJob job =
        jobs.findOwned(JobIds.require(jobId), caller.id())
            .orElseThrow(() -> new JobNotFoundException(jobId));
    StoredDocument document =
        documents.find(job.id()).orElseThrow(() -> new NotADocumentJobException(job.id()));
    if (!job.status().isTerminal()) {
      throw new JobNotFinishedException(job.id(), job.status(), job.done(), job.total());
    }
    byte[] content = documents.content(job.id(), document);
    List<TextTranslation> translations =
        translations(jobs.segments(job.id()), jobs.sourceTexts(job.id()), job.totalTexts());
    int incomplete = (int) translations.stream().filter(t -> !t.complete()).count();
    byte[] translated =
        formats
            .forFormat(document.format(), document.outputFormat())
            .translate(content, translations);
    return new TranslatedDocument(
        downloadName(document.fileName(), job.target(), document.outputFormat()),
        document.outputFormat(),
        translated,
        incomplete);
  }

  /** Each text put back together from its segments, untranslated ones in the source language. */
  static List<TextTranslation> translations(
      List<StoredSegment> segments, List<String> sources, int texts) {
    List<List<TextPiece>> pieces = new ArrayList<>(texts);
    List<Boolean> complete = new ArrayList<>(texts);
    for (int i = 0; i < texts; i++) {
      pieces.add(new ArrayList<>());
      complete.add(true);
    }
    for (StoredSegment segment : segments) {
      boolean done = segment.status() == SegmentStatus.DONE;
      String text = done ? segment.translation() : sources.get(segment.index());
      pieces.get(segment.textIndex()).add(new TextPiece(text, segment.lineBreaks()));
      if (!done) {
        complete.set(segment.textIndex(), false);
      }
    }
    List<TextTranslation> translations = new ArrayList<>(texts);
    for (int i = 0; i < texts; i++) {
      translations.add(
          new TextTranslation(
              SentenceSegmenter.join(pieces.get(i), TextPiece::text), complete.get(i)));
    }
    return translations;
  }

  /** {@code report.docx} translated to English is {@code report.en.docx}. */
  static String downloadName(String uploaded, String target, DocumentFormat format) {
    int dot = uploaded.lastIndexOf('.');
    String stem = dot > 0 ? uploaded.substring(0, dot) : uploaded;
    return stem + "." + target + "." + format.extension();
  }
}
