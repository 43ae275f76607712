package dev.translation.submit.jobs;

import dev.translation.contracts.LogKeys;
import dev.translation.contracts.MetricNames;
import dev.translation.contracts.SegmentStatus;
import dev.translation.segmentation.SentenceSegmenter;
import dev.translation.segmentation.TextPiece;
import dev.translation.submit.config.ApiProperties;
import dev.translation.submit.persistence.NewCorrection;
import dev.translation.submit.persistence.SegmentCorrectionRepository;
import dev.translation.submit.persistence.StoredCorrection;
import dev.translation.submit.persistence.StoredJob;
import dev.translation.submit.persistence.StoredSentence;
import dev.translation.submit.persistence.SubmittedJobRepository;
import dev.translation.submit.security.ApiKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a user's better translation of one of their own segments (a text of the job, as its result
 * lists it), for retraining. The source text, languages and the model's translation are copied with
 * it, so the correction outlives the job. A later correction replaces the earlier one until a
 * retrain job has used it.
 */
@Service
public class CorrectSegment {

  /** Counter of stored corrections; tagged with the language pair and whether one was replaced. */
  public static final String CORRECTIONS_METRIC = "translation.corrections";

  private static final Logger log = LoggerFactory.getLogger(CorrectSegment.class);

  private final SubmittedJobRepository jobs;
  private final SegmentCorrectionRepository corrections;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;
  private final int maxLength;

  public CorrectSegment(
      SubmittedJobRepository jobs,
      SegmentCorrectionRepository corrections,
      TransactionTemplate transactions,
      MeterRegistry meters,
      ApiProperties properties) {
    this.jobs = jobs;
    this.corrections = corrections;
    this.transactions = transactions;
    this.meters = meters;
    this.maxLength = properties.corrections().maxLength();
  }

  /**
   * Stores {@code translation} as the correction of segment {@code index} of the caller's job.
   *
   * @throws JobNotFoundException when the job is not the caller's
   * @throws SegmentNotFoundException when the job has no such segment
   * @throws SegmentNotTranslatedException when the segment is not done
   * @throws InvalidRequestException when the text breaks a rule of {@link CorrectionText}
   * @throws CorrectionAlreadyUsedException when a model has already used the segment's correction
   */
  public Correction correct(ApiKey caller, String jobId, int index, String translation) {
    String id = JobIds.require(jobId);
    try (MDC.MDCCloseable ignored = MDC.putCloseable(LogKeys.JOB_ID, id)) {
      Correction correction =
          transactions.execute(status -> correctLocked(caller, jobId, id, index, translation));
      // Counted once committed, so the metric agrees with the table.
      Counter.builder(CORRECTIONS_METRIC)
          .description("Users' corrections of their translations stored for retraining")
          .tag(MetricNames.TAG_LANGUAGE_PAIR, correction.source() + "-" + correction.target())
          .tag("replaced", Boolean.toString(correction.replaced()))
          .register(meters)
          .increment();
      log.info(
          "correction {} of segment {} of job {} stored{}",
          correction.id(),
          index,
          id,
          correction.replaced() ? ", replacing the earlier one" : "");
      return correction;
    }
  }

  private Correction correctLocked(
      ApiKey caller, String requestedId, String id, int index, String translation) {
    // The job's row lock orders corrections of one job, so two first corrections of a segment
    // cannot both insert.
    StoredJob job =
        jobs.findOwnedForUpdate(id, caller.id())
            .orElseThrow(() -> new JobNotFoundException(requestedId));
    if (index < 0 || index >= job.totalTexts()) {
      throw new SegmentNotFoundException(id, index, job.totalTexts());
    }
    List<StoredSentence> sentences = jobs.sentencesOfText(id, index);
    if (sentences.isEmpty()) {
      throw new SegmentNotFoundException(id, index, job.totalTexts());
    }
    TextResult text =
        TextAssembler.texts(sentences.stream().map(StoredSentence::segment).toList()).getFirst();
    if (text.status() != SegmentStatus.DONE) {
      throw new SegmentNotTranslatedException(id, index, text.status());
    }
    String sourceText =
        SentenceSegmenter.join(
            sentences.stream()
                .map(s -> new TextPiece(s.sourceText(), s.segment().lineBreaks()))
                .toList(),
            TextPiece::text);
    String corrected = CorrectionText.check(translation, sourceText, maxLength);

    Optional<StoredCorrection> earlier = corrections.findForUpdate(id, index);
    if (earlier.isPresent()) {
      StoredCorrection existing = earlier.get();
      if (existing.usedByModel() != null || !corrections.replace(existing.id(), corrected)) {
        throw new CorrectionAlreadyUsedException(id, index, existing.usedByModel());
      }
    } else {
      corrections.insert(
          new NewCorrection(
              id,
              index,
              caller.id(),
              job.source(),
              job.target(),
              sourceText,
              text.translation(),
              singleModelVersion(sentences),
              corrected));
    }
    StoredCorrection stored = corrections.find(id, index).orElseThrow();
    return new Correction(
        stored.id(),
        id,
        index,
        job.source(),
        job.target(),
        stored.correctedText(),
        stored.createdAt(),
        earlier.isPresent());
  }

  /**
   * The model version that translated the text, or null when its sentences came from several (a
   * canary serves part of them): the column names one version, and a guess would mislead training.
   */
  private static String singleModelVersion(List<StoredSentence> sentences) {
    List<String> versions =
        sentences.stream().map(s -> s.segment().modelVersion()).distinct().toList();
    return versions.size() == 1 ? versions.getFirst() : null;
  }
}
