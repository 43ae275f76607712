package dev.translation.worker.inference;

import dev.translation.contracts.JobStatus;
import dev.translation.contracts.LanguagePair;
import dev.translation.contracts.LogKeys;
import dev.translation.contracts.SegmentStatus;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.engine.InvalidInputException;
import dev.translation.engine.inference.Translation;
import dev.translation.worker.persistence.MemoryEntry;
import dev.translation.worker.persistence.PendingSegment;
import dev.translation.worker.persistence.ResultStore;
import dev.translation.worker.persistence.SegmentOutcome;
import dev.translation.worker.persistence.SegmentRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The worker's use case: translates and stores the segments that a micro-batch of messages names,
 * with as few model calls as possible. Segments that are no longer PENDING are skipped (so
 * redelivery is idempotent and cancelled segments are never translated), repeats are served from
 * the {@link TranslationMemory} of the version that serves them, the remaining distinct texts go to
 * that version in one call (shared with other consumer threads' texts, see {@link DynamicBatcher}),
 * and all results are written in one transaction. During a canary a micro-batch is split between
 * the two versions by segment ({@link ServingModels.Rollout#modelFor}).
 *
 * <p>Input the engine refuses ({@link InvalidInputException}, e.g. a text over its length limit)
 * fails only its own segments: when the engine refuses a call, each of its texts is tried alone.
 */
@Component
public class TranslateSegments {

  private static final Logger log = LoggerFactory.getLogger(TranslateSegments.class);

  private final SegmentRepository segments;
  private final TranslationMemory memory;
  private final ServingModels models;
  private final ResultStore store;
  private final TranslationMetrics metrics;
  private final Clock clock;
  private final LanguagePair languages;

  /**
   * @param models the versions this worker serves: each segment goes to the version the rollout
   *     routes it to, which is the version recorded on it
   */
  public TranslateSegments(
      SegmentRepository segments,
      TranslationMemory memory,
      ServingModels models,
      ResultStore store,
      TranslationMetrics metrics,
      Clock clock) {
    this.segments = segments;
    this.memory = memory;
    this.models = models;
    this.store = store;
    this.metrics = metrics;
    this.clock = clock;
    this.languages = models.languages();
  }

  /**
   * Translates and stores the still-pending segments that {@code messages} name, reading their
   * source text and language pair from the database.
   *
   * @return the jobs that reached a final status with these results
   */
  public Map<String, JobStatus> translate(List<TranslationBatchMessage> messages) {
    try (ServingModels.Lease lease = models.acquire()) {
      ServingModels.Rollout rollout = lease.rollout();
      List<SegmentOutcome> outcomes = new ArrayList<>();
      List<PendingSegment> work = pendingWork(messages, rollout.active().id(), outcomes);
      if (work.isEmpty() && outcomes.isEmpty()) {
        return Map.of();
      }
      Map<ServedModel, List<PendingSegment>> byModel = new LinkedHashMap<>();
      for (PendingSegment segment : work) {
        byModel
            .computeIfAbsent(
                rollout.modelFor(segment.jobId(), segment.index()), model -> new ArrayList<>())
            .add(segment);
      }
      List<MemoryEntry> learned = new ArrayList<>();
      List<MemoryEntry> hits = new ArrayList<>();
      int served = 0;
      // The refusals (counted for the active version), then each version's outcomes, in runs:
      // the version of each run and where it ends.
      List<Map.Entry<String, Integer>> ends = new ArrayList<>();
      ends.add(Map.entry(rollout.active().id(), outcomes.size()));
      for (Map.Entry<ServedModel, List<PendingSegment>> share : byModel.entrySet()) {
        TranslationMemory.Lookup remembered = translate(share.getKey(), share.getValue(), outcomes);
        ends.add(Map.entry(share.getKey().id(), outcomes.size()));
        learned.addAll(remembered.newEntries());
        hits.addAll(remembered.hits());
        served += remembered.served();
      }

      ResultStore.Written written = store.save(outcomes, learned, hits);

      countPerVersion(outcomes, ends);
      metrics.memoryHits(served);
      logPerJob(outcomes, served);
      return written.finished();
    }
  }

  /**
   * One version's share of a micro-batch: repeats served from that version's memory, the other
   * distinct texts in one model call; the outcomes are added to {@code outcomes}.
   */
  private TranslationMemory.Lookup translate(
      ServedModel model, List<PendingSegment> work, List<SegmentOutcome> outcomes) {
    Map<String, String> sourcesByHash = new HashMap<>();
    work.forEach(segment -> sourcesByHash.put(segment.hash(), segment.text()));
    TranslationMemory.Lookup remembered = memory.lookUp(languages, model.id(), sourcesByHash);

    // Distinct texts the memory does not know, in first-seen order, with the segments they fill.
    Map<String, List<PendingSegment>> unknown = new LinkedHashMap<>();
    for (PendingSegment segment : work) {
      if (!remembered.knows(segment.hash())) {
        unknown.computeIfAbsent(segment.text(), text -> new ArrayList<>()).add(segment);
      }
    }
    Map<String, String> refusals = new HashMap<>();
    Map<String, Translation> translated =
        translateDistinct(model, List.copyOf(unknown.keySet()), refusals);

    for (PendingSegment segment : work) {
      Optional<String> fromMemory = remembered.serve(segment.hash());
      Translation fromModel = translated.get(segment.text());
      if (fromMemory.isPresent()) {
        outcomes.add(done(segment, fromMemory.get(), model));
      } else if (fromModel != null) {
        outcomes.add(done(segment, fromModel.text(), model));
      } else {
        outcomes.add(
            new SegmentOutcome.Failed(
                segment.jobId(), segment.index(), refusals.get(segment.text())));
      }
    }
    translated.forEach(
        (text, translation) -> {
          List<PendingSegment> carriers = unknown.get(text);
          remembered.learn(carriers.getFirst().hash(), text, translation.text(), carriers.size());
        });
    return remembered;
  }

  /** Counts the outcomes by status and by the version that served each segment. */
  private void countPerVersion(
      List<SegmentOutcome> outcomes, List<Map.Entry<String, Integer>> ends) {
    int start = 0;
    for (Map.Entry<String, Integer> run : ends) {
      int done = 0;
      for (SegmentOutcome outcome : outcomes.subList(start, run.getValue())) {
        done += outcome instanceof SegmentOutcome.Done ? 1 : 0;
      }
      metrics.segments(SegmentStatus.DONE, run.getKey(), done);
      metrics.segments(SegmentStatus.FAILED, run.getKey(), run.getValue() - start - done);
      start = run.getValue();
    }
  }

  private static SegmentOutcome.Done done(
      PendingSegment segment, String translation, ServedModel model) {
    return new SegmentOutcome.Done(segment.jobId(), segment.index(), translation, model.id());
  }

  /**
   * The messages' segments that are still pending, with the text and languages the API stored for
   * them. A segment whose job asks for a language pair this worker's model does not translate
   * becomes a failure in {@code refused}.
   */
  private List<PendingSegment> pendingWork(
      List<TranslationBatchMessage> messages, String modelVersion, List<SegmentOutcome> refused) {
    Map<String, Set<Integer>> indexesByJob = new LinkedHashMap<>();
    int named = 0;
    for (TranslationBatchMessage message : messages) {
      metrics.queued(Duration.between(message.enqueuedAt(), clock.instant()));
      indexesByJob
          .computeIfAbsent(message.jobId(), id -> new TreeSet<>())
          .addAll(message.indexes());
      named += message.segments().size();
    }
    List<PendingSegment> work = new ArrayList<>();
    List<PendingSegment> pending = segments.findPending(indexesByJob);
    for (PendingSegment segment : pending) {
      if (segment.languages().equals(languages)) {
        work.add(segment);
      } else {
        refused.add(
            new SegmentOutcome.Failed(
                segment.jobId(),
                segment.index(),
                "No model for "
                    + segment.languages()
                    + " on this lane: model "
                    + modelVersion
                    + " translates "
                    + languages));
      }
    }
    if (pending.size() < named) {
      log.info(
          "Skipping {} of {} segments named by {} messages: no longer pending (done, failed,"
              + " cancelled) or unknown",
          named - pending.size(),
          named,
          messages.size());
    }
    return work;
  }

  /**
   * Translates distinct texts in one model call. The engine checks its own limits and refuses the
   * whole call when one text breaks them; then each text is tried alone, so only the texts it
   * refuses fail, each with the engine's reason in {@code refusals}.
   */
  private static Map<String, Translation> translateDistinct(
      ServedModel model, List<String> texts, Map<String, String> refusals) {
    Map<String, Translation> translated = new HashMap<>();
    try {
      put(translated, texts, model.translate(texts));
    } catch (InvalidInputException callRefused) {
      if (texts.size() == 1) {
        refusals.put(texts.getFirst(), "Invalid input: " + callRefused.getMessage());
        return translated;
      }
      log.warn(
          "Model refused a call of {} texts ({}); translating them one by one",
          texts.size(),
          callRefused.getMessage());
      for (String text : texts) {
        try {
          put(translated, List.of(text), model.translate(List.of(text)));
        } catch (InvalidInputException refused) {
          refusals.put(text, "Invalid input: " + refused.getMessage());
        }
      }
    }
    return translated;
  }

  private static void put(
      Map<String, Translation> translated, List<String> texts, List<Translation> result) {
    for (int i = 0; i < texts.size(); i++) {
      translated.put(texts.get(i), result.get(i));
    }
  }

  private void logPerJob(List<SegmentOutcome> outcomes, int servedFromMemory) {
    Map<String, int[]> perJob = new LinkedHashMap<>();
    for (SegmentOutcome outcome : outcomes) {
      int[] counts = perJob.computeIfAbsent(outcome.jobId(), id -> new int[2]);
      counts[outcome instanceof SegmentOutcome.Done ? 0 : 1]++;
    }
    perJob.forEach(
        (jobId, counts) -> {
          try (MDC.MDCCloseable ignored = MDC.putCloseable(LogKeys.JOB_ID, jobId)) {
            log.debug("Stored {} translated and {} failed segments", counts[0], counts[1]);
          }
        });
    log.debug(
        "Micro-batch of {} segments from {} jobs stored ({} served from memory)",
        outcomes.size(),
        perJob.size(),
        servedFromMemory);
  }
}
