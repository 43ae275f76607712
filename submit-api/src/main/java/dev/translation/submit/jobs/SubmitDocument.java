package dev.translation.submit.jobs;

import dev.translation.contracts.LogKeys;
import dev.translation.contracts.Sha256;
import dev.translation.documents.DocumentFormat;
import dev.translation.documents.FormatDetector;
import dev.translation.documents.FormatHandler;
import dev.translation.documents.FormatHandlers;
import dev.translation.outbox.OutboxRepository;
import dev.translation.submit.config.ApiProperties;
import dev.translation.submit.messaging.OutboxMessagesCommitted;
import dev.translation.submit.persistence.JobDocumentRepository;
import dev.translation.submit.persistence.PlannedJob;
import dev.translation.submit.persistence.StoredDocument;
import dev.translation.submit.persistence.StoredJob;
import dev.translation.submit.persistence.SubmittedJobRepository;
import dev.translation.submit.security.ApiKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts a file for translation. Its format is detected from its content and its texts are read by
 * the format's handler; from there it is a job like any other (segments, lanes, outbox), with the
 * file stored in the same transaction so that any API replica can write the translated file. A file
 * with nothing to translate becomes a job that has already succeeded.
 */
@Service
public class SubmitDocument {

  private static final Logger log = LoggerFactory.getLogger(SubmitDocument.class);

  private final FormatHandlers formats;
  private final SubmitRequestValidator validator;
  private final JobPlanner planner;
  private final SubmittedJobRepository jobs;
  private final JobDocumentRepository documents;
  private final OutboxRepository outbox;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final ApiProperties.Documents limits;
  private final Clock clock;

  public SubmitDocument(
      FormatHandlers formats,
      SubmitRequestValidator validator,
      JobPlanner planner,
      SubmittedJobRepository jobs,
      JobDocumentRepository documents,
      OutboxRepository outbox,
      TransactionTemplate transactions,
      ApplicationEventPublisher events,
      ApiProperties properties,
      Clock clock) {
    this.formats = formats;
    this.validator = validator;
    this.planner = planner;
    this.jobs = jobs;
    this.documents = documents;
    this.outbox = outbox;
    this.transactions = transactions;
    this.events = events;
    this.limits = properties.documents();
    this.clock = clock;
  }

  /**
   * Accepts a document, or returns the earlier job when the Idempotency-Key was seen with the same
   * file and languages.
   *
   * @throws dev.translation.documents.DocumentException when the file is empty, unsupported,
   *     malformed or beyond a document limit
   * @throws InvalidRequestException when the languages, priority or segment count are not allowed
   * @throws IdempotencyKeyReusedException when the key came with a different request before
   */
  public Submission submit(ApiKey caller, DocumentUpload upload, String idempotencyKey) {
    String fileName = fileName(upload.fileName());
    FormatHandler handler =
        upload.output() == null || upload.output().isBlank()
            ? formats.forFile(upload.content(), fileName)
            : formats.forFormat(
                FormatDetector.detect(upload.content(), fileName), output(upload.output()));
    List<String> texts = handler.texts(upload.content());
    ValidRequest valid =
        validator.validateDocument(texts, upload.source(), upload.target(), upload.priority());
    String sha256 = Sha256.hex(upload.content());
    String hash =
        Sha256.hex(
            String.join(
                "\n",
                "document",
                sha256,
                fileName,
                valid.source(),
                valid.target(),
                String.valueOf(valid.priority())));
    if (idempotencyKey != null) {
      Optional<StoredJob> earlier = jobs.findByIdempotencyKey(caller.id(), idempotencyKey);
      if (earlier.isPresent()) {
        return SubmitJob.replay(earlier.get(), hash, idempotencyKey, jobs);
      }
    }
    Instant acceptedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    PlannedJob planned =
        planner.plan(
            UUID.randomUUID().toString(), caller.id(), idempotencyKey, hash, valid, acceptedAt);
    if (planned.segments().size() > limits.maxSegments()) {
      throw new InvalidRequestException(
          "the document has "
              + planned.segments().size()
              + " sentences; at most "
              + limits.maxSegments()
              + " are allowed in one document (translate larger corpora with a corpus job)",
          Map.of("limit", limits.maxSegments(), "count", planned.segments().size()));
    }
    StoredDocument document =
        new StoredDocument(
            fileName, handler.format(), handler.outputFormat(), upload.content().length, sha256);
    try (MDC.MDCCloseable ignored = MDC.putCloseable(LogKeys.JOB_ID, planned.id())) {
      transactions.executeWithoutResult(
          status -> {
            jobs.insert(planned);
            documents.insert(planned.id(), document, upload.content());
            outbox.insertAll(planned.messages());
          });
      events.publishEvent(new OutboxMessagesCommitted(planned.id()));
      log.info(
          "accepted document job {} for key {}: {} ({}, {} bytes), {} texts, {} segments, lane {}",
          planned.id(),
          caller.id(),
          fileName,
          handler.format().apiName(),
          upload.content().length,
          texts.size(),
          planned.segments().size(),
          planned.lane());
      return new Submission(TranslationJob.queued(planned, JobDocument.of(document)), false);
    }
  }

  /** The format a client names by its API name or extension, e.g. {@code text} or {@code txt}. */
  private static DocumentFormat output(String name) {
    String wanted = name.strip().toLowerCase(java.util.Locale.ROOT);
    for (DocumentFormat format : DocumentFormat.values()) {
      if (format.apiName().equals(wanted) || format.extension().equals(wanted)) {
        return format;
      }
    }
    throw new InvalidRequestException(
        "'output' is '"
            + name
            + "'; name a format such as txt or docx: "
            + String.join(", ", DocumentFormat.supported()));
  }

  /** The name as stored and shown: no path, no control characters, at most 255 characters. */
  static String fileName(String sent) {
    String name = sent == null ? "" : sent;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    name = name.replaceAll("[\\p{Cntrl}\"]", "").strip();
    if (name.isEmpty()) {
      name = "document";
    }
    return name.length() > 255 ? name.substring(name.length() - 255) : name;
  }
}
