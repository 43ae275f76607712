package dev.translation.submit.jobs;

import dev.translation.contracts.LogKeys;
import dev.translation.outbox.OutboxRepository;
import dev.translation.submit.messaging.OutboxMessagesCommitted;
import dev.translation.submit.persistence.PlannedJob;
import dev.translation.submit.persistence.StoredJob;
import dev.translation.submit.persistence.SubmittedJobRepository;
import dev.translation.submit.security.ApiKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts translation jobs. A job is accepted only once durable: its row, its segments and its
 * outbox messages are written in one transaction; publishing to Kafka happens later from the outbox
 * (see {@code OutboxRelay}), so a Kafka outage never refuses a submit.
 */
@Service
public class SubmitJob {

  private static final Logger log = LoggerFactory.getLogger(SubmitJob.class);

  private final SubmitRequestValidator validator;
  private final RequestHash requestHash;
  private final JobPlanner planner;
  private final SubmittedJobRepository jobs;
  private final OutboxRepository outbox;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final SubmissionMetrics metrics;
  private final Clock clock;

  public SubmitJob(
      SubmitRequestValidator validator,
      RequestHash requestHash,
      JobPlanner planner,
      SubmittedJobRepository jobs,
      OutboxRepository outbox,
      TransactionTemplate transactions,
      ApplicationEventPublisher events,
      SubmissionMetrics metrics,
      Clock clock) {
    this.validator = validator;
    this.requestHash = requestHash;
    this.planner = planner;
    this.jobs = jobs;
    this.outbox = outbox;
    this.transactions = transactions;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Accepts a job, or returns the earlier one when the Idempotency-Key was seen with the same
   * request.
   *
   * @param idempotencyKey the client's Idempotency-Key, or null
   * @throws InvalidRequestException when the request breaks a limit
   * @throws IdempotencyKeyReusedException when the key came with a different request before
   */
  public Submission submit(ApiKey caller, SubmitRequest request, String idempotencyKey) {
    ValidRequest valid = validator.validate(request, caller);
    String hash = requestHash.of(valid);
    if (idempotencyKey != null) {
      Optional<StoredJob> earlier = jobs.findByIdempotencyKey(caller.id(), idempotencyKey);
      if (earlier.isPresent()) {
        return replay(earlier.get(), hash, idempotencyKey);
      }
    }
    // Microseconds, as the database keeps them, so the answer shows what a later read shows.
    Instant acceptedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    PlannedJob planned =
        planner.plan(
            UUID.randomUUID().toString(), caller.id(), idempotencyKey, hash, valid, acceptedAt);
    try (MDC.MDCCloseable ignored = MDC.putCloseable(LogKeys.JOB_ID, planned.id())) {
      try {
        transactions.executeWithoutResult(
            status -> {
              jobs.insert(planned);
              outbox.insertAll(planned.messages());
            });
      } catch (DuplicateKeyException e) {
        // A concurrent submit with the same Idempotency-Key committed first: answer with its job.
        if (idempotencyKey == null) {
          throw e;
        }
        StoredJob winner =
            jobs.findByIdempotencyKey(caller.id(), idempotencyKey).orElseThrow(() -> e);
        log.info("Idempotency-Key race lost to job {}", winner.id());
        return replay(winner, hash, idempotencyKey);
      }
      events.publishEvent(new OutboxMessagesCommitted(planned.id()));
      metrics.accepted(planned.lane(), planned.segments().size());
      log.info(
          "accepted job {} for key {}: {} segments, lane {}, {} messages",
          planned.id(),
          caller.id(),
          planned.segments().size(),
          planned.lane(),
          planned.messages().size());
      return new Submission(TranslationJob.queued(planned), false);
    }
  }

  private Submission replay(StoredJob earlier, String hash, String idempotencyKey) {
    return replay(earlier, hash, idempotencyKey, jobs);
  }

  /**
   * The earlier job an Idempotency-Key names, when the request is the same as then.
   *
   * @throws IdempotencyKeyReusedException when it is not
   */
  static Submission replay(
      StoredJob earlier, String hash, String idempotencyKey, SubmittedJobRepository jobs) {
    if (!hash.equals(earlier.requestHash())) {
      throw new IdempotencyKeyReusedException(idempotencyKey, earlier.id());
    }
    List<String> versions =
        jobs.modelVersions(List.of(earlier.id())).getOrDefault(earlier.id(), List.of());
    return new Submission(TranslationJob.of(earlier, versions), true);
  }
}
