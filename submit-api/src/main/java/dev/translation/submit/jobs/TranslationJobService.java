package dev.translation.submit.jobs;

import dev.translation.contracts.JobStatus;
import dev.translation.contracts.Lane;
import dev.translation.contracts.LogKeys;
import dev.translation.contracts.MetricNames;
import dev.translation.contracts.Sha256;
import dev.translation.submit.config.ApiProperties;
import dev.translation.submit.persistence.OutboxRepository;
import dev.translation.submit.persistence.SubmittedJobRepository;
import dev.translation.submit.security.ApiKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts, reports on and cancels translation jobs. A job is accepted only once durable: its row,
 * its segments and its outbox messages are written in one transaction; publishing to Kafka happens
 * later from the outbox (see {@code OutboxRelay}), so a Kafka outage never refuses a submit.
 */
@Service
public class TranslationJobService {

  private static final Logger log = LoggerFactory.getLogger(TranslationJobService.class);

  private final SubmitRequestValidator validator;
  private final JobPlanner planner;
  private final SubmittedJobRepository jobs;
  private final OutboxRepository outbox;
  private final TransactionTemplate transactions;
  private final ApiProperties properties;
  private final JsonMapper json;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final JobCompletions completions;
  private final Map<Lane, Counter> jobsSubmitted = new EnumMap<>(Lane.class);
  private final Map<Lane, Counter> segmentsSubmitted = new EnumMap<>(Lane.class);

  public TranslationJobService(
      SubmitRequestValidator validator,
      JobPlanner planner,
      SubmittedJobRepository jobs,
      OutboxRepository outbox,
      TransactionTemplate transactions,
      ApiProperties properties,
      JsonMapper json,
      Clock clock,
      ApplicationEventPublisher events,
      JobCompletions completions,
      MeterRegistry meters) {
    this.validator = validator;
    this.planner = planner;
    this.jobs = jobs;
    this.outbox = outbox;
    this.transactions = transactions;
    this.properties = properties;
    this.json = json;
    this.clock = clock;
    this.events = events;
    this.completions = completions;
    for (Lane lane : Lane.values()) {
      String tag = lane.name().toLowerCase(Locale.ROOT);
      jobsSubmitted.put(
          lane,
          Counter.builder(MetricNames.JOBS_SUBMITTED)
              .description("Translation jobs accepted")
              .tag(MetricNames.TAG_LANE, tag)
              .register(meters));
      segmentsSubmitted.put(
          lane,
          Counter.builder(MetricNames.SEGMENTS_SUBMITTED)
              .description("Segments in accepted translation jobs")
              .tag(MetricNames.TAG_LANE, tag)
              .register(meters));
    }
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
    ValidRequest valid = validator.validate(request, caller.limits(properties.limits()));
    String requestHash = requestHash(valid);
    if (idempotencyKey != null) {
      Optional<TranslationJob> earlier = jobs.findByIdempotencyKey(caller.id(), idempotencyKey);
      if (earlier.isPresent()) {
        return replay(earlier.get(), requestHash, idempotencyKey);
      }
    }
    // Microseconds, as the database keeps them, so the answer shows what a later read shows.
    Instant acceptedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    PlannedJob planned =
        planner.plan(
            UUID.randomUUID().toString(),
            caller.id(),
            idempotencyKey,
            requestHash,
            valid,
            acceptedAt);
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
        TranslationJob winner =
            jobs.findByIdempotencyKey(caller.id(), idempotencyKey).orElseThrow(() -> e);
        log.info("Idempotency-Key race lost to job {}", winner.id());
        return replay(winner, requestHash, idempotencyKey);
      }
      events.publishEvent(new OutboxMessagesCommitted(planned.id()));
      jobsSubmitted.get(planned.lane()).increment();
      segmentsSubmitted.get(planned.lane()).increment(planned.segments().size());
      log.info(
          "accepted job {} for key {}: {} segments, lane {}, {} messages",
          planned.id(),
          caller.id(),
          planned.segments().size(),
          planned.lane(),
          planned.messages().size());
      return new Submission(planned.asQueuedJob(), false);
    }
  }

  /** The caller's job with the model versions used so far. */
  public TranslationJob find(ApiKey caller, String jobId) {
    TranslationJob job =
        jobs.findOwned(requireJobId(jobId), caller.id())
            .orElseThrow(() -> new JobNotFoundException(jobId));
    return withModelVersions(job);
  }

  /** The caller's job and all its texts in input order, finished or not. */
  public JobResult result(ApiKey caller, String jobId) {
    TranslationJob job =
        jobs.findOwned(requireJobId(jobId), caller.id())
            .orElseThrow(() -> new JobNotFoundException(jobId));
    List<StoredSegment> segments = jobs.segments(job.id());
    // The model versions come with the segments: one read fewer than find().
    List<String> versions =
        segments.stream()
            .map(StoredSegment::modelVersion)
            .filter(Objects::nonNull)
            .distinct()
            .sorted()
            .toList();
    return new JobResult(job.withModelVersions(versions), TextAssembler.texts(segments));
  }

  /**
   * Cancels the caller's job: pending segments become cancelled, unpublished messages are dropped,
   * segments already translated keep their result. Cancelling a cancelled job changes nothing.
   *
   * @throws JobAlreadyFinishedException when the job succeeded or failed already
   */
  public TranslationJob cancel(ApiKey caller, String jobId) {
    String id = requireJobId(jobId);
    try (MDC.MDCCloseable ignored = MDC.putCloseable(LogKeys.JOB_ID, id)) {
      transactions.executeWithoutResult(
          status -> {
            TranslationJob job =
                jobs.findOwnedForUpdate(id, caller.id())
                    .orElseThrow(() -> new JobNotFoundException(jobId));
            if (job.status() == JobStatus.CANCELLED) {
              return;
            }
            if (job.status().isTerminal()) {
              throw new JobAlreadyFinishedException(id, job.status());
            }
            int segments = jobs.cancel(id);
            int messages = outbox.deleteUnpublished(id);
            log.info(
                "cancelled job {}: {} pending segments, {} unpublished messages dropped",
                id,
                segments,
                messages);
          });
      return find(caller, id);
    }
  }

  /** A page of the caller's jobs, newest first; the size is capped at the configured maximum. */
  public JobPage list(ApiKey caller, int page, Integer requestedSize) {
    if (page < 0) {
      throw new InvalidRequestException("'page' must be 0 or more, was " + page);
    }
    ApiProperties.Listing listing = properties.listing();
    int size = requestedSize == null ? listing.defaultSize() : requestedSize;
    if (size < 1) {
      throw new InvalidRequestException("'size' must be 1 or more, was " + size);
    }
    size = Math.min(size, listing.maxSize());
    long offset = (long) page * size;
    if (offset > Integer.MAX_VALUE) {
      throw new InvalidRequestException("'page' " + page + " is beyond the last page");
    }
    List<TranslationJob> page0 = jobs.findPage(caller.id(), (int) offset, size);
    Map<String, List<String>> versions =
        jobs.modelVersions(page0.stream().map(TranslationJob::id).toList());
    List<TranslationJob> withVersions =
        page0.stream()
            .map(j -> j.withModelVersions(versions.getOrDefault(j.id(), List.of())))
            .toList();
    return new JobPage(withVersions, page, size, jobs.count(caller.id()));
  }

  /**
   * Waits up to {@code timeout} for the job to reach a terminal status. Woken by the worker's
   * announcement that it finished the job ({@link JobCompletions}); the database is read once at
   * the start, on each wake-up, and every {@code fallback-poll} in case an announcement was lost.
   *
   * @return whether it finished in time
   */
  public boolean awaitFinished(String jobId, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    // Watch before the first read, so an announcement between the two is not missed.
    CompletableFuture<Void> announced = completions.watch(jobId);
    try {
      while (true) {
        Optional<JobStatus> status = jobs.status(jobId);
        if (status.isEmpty() || status.get().isTerminal()) {
          return status.isPresent();
        }
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
          return false;
        }
        try {
          announced.get(
              min(properties.await().fallbackPoll(), left).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          // Read the database again.
        } catch (ExecutionException e) {
          throw new IllegalStateException("a completion signal never fails", e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        if (announced.isDone()) {
          completions.forget(jobId, announced);
          announced = completions.watch(jobId);
        }
      }
    } finally {
      completions.forget(jobId, announced);
    }
  }

  private Submission replay(TranslationJob earlier, String requestHash, String idempotencyKey) {
    if (!requestHash.equals(earlier.requestHash())) {
      throw new IdempotencyKeyReusedException(idempotencyKey, earlier.id());
    }
    return new Submission(withModelVersions(earlier), true);
  }

  private TranslationJob withModelVersions(TranslationJob job) {
    return job.withModelVersions(
        jobs.modelVersions(List.of(job.id())).getOrDefault(job.id(), List.of()));
  }

  /** SHA-256 of the normalised request, so a retry compares equal whatever its JSON layout. */
  private String requestHash(ValidRequest request) {
    return Sha256.hex(json.writeValueAsString(request));
  }

  /** Job ids are UUIDs; anything else cannot exist, so it is simply not found. */
  private static String requireJobId(String jobId) {
    try {
      return UUID.fromString(jobId).toString();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new JobNotFoundException(jobId);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
