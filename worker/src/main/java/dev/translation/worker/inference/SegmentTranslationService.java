package dev.translation.worker.inference;

import dev.translation.contracts.JobStatus;
import dev.translation.contracts.LanguagePair;
import dev.translation.contracts.LogKeys;
import dev.translation.contracts.SegmentStatus;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.engine.InvalidInputException;
import dev.translation.engine.inference.Translation;
import dev.translation.engine.inference.TranslationEngine;
import dev.translation.worker.persistence.MemoryEntry;
import dev.translation.worker.persistence.PendingSegment;
import dev.translation.worker.persistence.ResultStore;
import dev.translation.worker.persistence.SegmentOutcome;
import dev.translation.worker.persistence.SegmentRepository;
import dev.translation.worker.persistence.TranslationMemoryRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Translates the segments of several messages (a micro-batch) with as few model calls as possible:
 * segments that are no longer PENDING are skipped (so redelivery is idempotent and cancelled
 * segments are never translated), repeats are served from the translation memory, the remaining
 * distinct texts go to the model in one call (shared with other consumer threads' texts, see {@link
 * DynamicBatcher}), and all results are written in one transaction.
 *
 * <p>Input the engine refuses ({@link InvalidInputException}, e.g. a text over its length limit)
 * fails only its own segments; the others are translated.
 */
@Component
public class SegmentTranslationService {

  private static final Logger log = LoggerFactory.getLogger(SegmentTranslationService.class);

  private final TranslationEngine engine;
  private final SegmentRepository segments;
  private final TranslationMemoryRepository memory;
  private final ResultStore store;
  private final TranslationMetrics metrics;
  private final Clock clock;
  private final String modelVersion;
  private final DynamicBatcher model;

  public SegmentTranslationService(
      TranslationEngine engine,
      SegmentRepository segments,
      TranslationMemoryRepository memory,
      ResultStore store,
      TranslationMetrics metrics,
      DynamicBatcher model) {
    this.engine = engine;
    this.model = model;
    this.segments = segments;
    this.memory = memory;
    this.store = store;
    this.metrics = metrics;
    this.clock = Clock.systemUTC();
    this.modelVersion = engine.manifest().id();
  }

  /** The language pair this worker's model translates. */
  public LanguagePair languagePair() {
    return new LanguagePair(engine.manifest().sourceLanguage(), engine.manifest().targetLanguage());
  }

  /** The model version recorded on every segment this worker translates. */
  public String modelVersion() {
    return modelVersion;
  }

  /**
   * Translates and stores the still-pending segments that {@code messages} name, reading their
   * source text and language pair from the database.
   *
   * @return the jobs that reached a final status with these results
   */
  public Map<String, JobStatus> translate(List<TranslationBatchMessage> messages) {
    List<SegmentOutcome> refused = new ArrayList<>();
    List<Work> work = pendingWork(messages, refused);
    if (work.isEmpty() && refused.isEmpty()) {
      return Map.of();
    }
    String pair = languagePair().toString();

    Map<String, String> sourcesByHash = new HashMap<>();
    work.forEach(item -> sourcesByHash.put(item.hash(), item.text()));
    Map<String, String> remembered = memory.find(pair, modelVersion, sourcesByHash);

    // Distinct texts the memory does not know, in first-seen order.
    Map<String, List<Work>> toTranslate = new LinkedHashMap<>();
    for (Work item : work) {
      if (!remembered.containsKey(item.hash())) {
        toTranslate.computeIfAbsent(item.text(), text -> new ArrayList<>()).add(item);
      }
    }
    Map<String, String> invalid = new HashMap<>();
    Map<String, Translation> translated = translateDistinct(toTranslate.keySet(), invalid);

    List<SegmentOutcome> results = new ArrayList<>(refused);
    List<MemoryEntry> newEntries = new ArrayList<>();
    Map<String, Integer> hitsByHash = new LinkedHashMap<>();
    for (Work item : work) {
      String fromMemory = remembered.get(item.hash());
      if (fromMemory != null) {
        results.add(new SegmentOutcome.Done(item.jobId(), item.index(), fromMemory, modelVersion));
        hitsByHash.merge(item.hash(), 1, Integer::sum);
      } else if (translated.containsKey(item.text())) {
        results.add(
            new SegmentOutcome.Done(
                item.jobId(), item.index(), translated.get(item.text()).text(), modelVersion));
      } else {
        results.add(
            new SegmentOutcome.Failed(item.jobId(), item.index(), invalid.get(item.text())));
      }
    }
    int servedFromMemory = hitsByHash.values().stream().mapToInt(Integer::intValue).sum();
    translated.forEach(
        (text, translation) -> {
          List<Work> items = toTranslate.get(text);
          // The first segment of a text went to the model; its repeats in this batch count as hits.
          newEntries.add(
              new MemoryEntry(
                  items.getFirst().hash(),
                  pair,
                  modelVersion,
                  text,
                  translation.text(),
                  items.size() - 1));
        });
    servedFromMemory += newEntries.stream().mapToInt(MemoryEntry::hits).sum();
    List<MemoryEntry> hits =
        hitsByHash.entrySet().stream()
            .map(hit -> new MemoryEntry(hit.getKey(), pair, modelVersion, "", "", hit.getValue()))
            .toList();

    ResultStore.Written written = store.save(results, newEntries, hits);

    metrics.segments(SegmentStatus.DONE, written.done());
    metrics.segments(SegmentStatus.FAILED, written.failed());
    metrics.memoryHits(servedFromMemory);
    logPerJob(results, servedFromMemory);
    return written.finished();
  }

  /**
   * The messages' segments that are still pending, with the text and languages the API stored for
   * them. A segment whose job asks for a language pair this worker's model does not translate
   * becomes a failure in {@code refused}.
   */
  private List<Work> pendingWork(
      List<TranslationBatchMessage> messages, List<SegmentOutcome> refused) {
    Map<String, Set<Integer>> indexesByJob = new LinkedHashMap<>();
    int named = 0;
    for (TranslationBatchMessage message : messages) {
      metrics.queued(Duration.between(message.enqueuedAt(), clock.instant()));
      indexesByJob
          .computeIfAbsent(message.jobId(), id -> new TreeSet<>())
          .addAll(message.indexes());
      named += message.segments().size();
    }
    LanguagePair pair = languagePair();
    List<Work> work = new ArrayList<>();
    List<PendingSegment> pending = segments.findPending(indexesByJob);
    for (PendingSegment segment : pending) {
      if (segment.languages().equals(pair)) {
        work.add(new Work(segment.jobId(), segment.index(), segment.text(), segment.hash()));
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
                    + pair));
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
   * Translates distinct texts in one engine call. When the engine refuses the call because of one
   * text, each text is retried alone so only the refused ones fail.
   */
  private Map<String, Translation> translateDistinct(
      Set<String> distinct, Map<String, String> invalid) {
    Map<String, Translation> translated = new HashMap<>();
    List<String> texts = new ArrayList<>();
    int limit = engine.options().maxTextChars();
    for (String text : distinct) {
      if (text.length() > limit) {
        invalid.put(
            text,
            "Segment has "
                + text.length()
                + " characters; at most "
                + limit
                + " are allowed in one segment (split it into smaller parts)");
      } else {
        texts.add(text);
      }
    }
    if (texts.isEmpty()) {
      return translated;
    }
    try {
      put(translated, texts, model.translate(texts));
    } catch (InvalidInputException batchRefused) {
      log.warn(
          "Model refused a batch of {} texts ({}); translating them one by one",
          texts.size(),
          batchRefused.getMessage());
      for (String text : texts) {
        try {
          put(translated, List.of(text), model.translate(List.of(text)));
        } catch (InvalidInputException refused) {
          invalid.put(text, "Invalid input: " + refused.getMessage());
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

  private void logPerJob(List<SegmentOutcome> results, int servedFromMemory) {
    Map<String, int[]> perJob = new LinkedHashMap<>();
    for (SegmentOutcome result : results) {
      int[] counts = perJob.computeIfAbsent(result.jobId(), id -> new int[2]);
      counts[result instanceof SegmentOutcome.Done ? 0 : 1]++;
    }
    perJob.forEach(
        (jobId, counts) -> {
          try (MDC.MDCCloseable ignored = MDC.putCloseable(LogKeys.JOB_ID, jobId)) {
            log.debug("Stored {} translated and {} failed segments", counts[0], counts[1]);
          }
        });
    log.debug(
        "Micro-batch of {} segments from {} jobs stored ({} served from memory)",
        results.size(),
        perJob.size(),
        servedFromMemory);
  }

  private record Work(String jobId, int index, String text, String hash) {}
}
