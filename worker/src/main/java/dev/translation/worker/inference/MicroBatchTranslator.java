package dev.translation.worker.inference;

import dev.translation.contracts.LanguagePair;
import dev.translation.contracts.SegmentStatus;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.engine.InvalidInputException;
import dev.translation.engine.inference.DecodeOptions;
import dev.translation.engine.inference.Translation;
import dev.translation.engine.inference.TranslationEngine;
import dev.translation.worker.config.WorkerProperties;
import dev.translation.worker.persistence.MemoryEntry;
import dev.translation.worker.persistence.ResultStore;
import dev.translation.worker.persistence.SegmentRepository;
import dev.translation.worker.persistence.SegmentResult;
import dev.translation.worker.persistence.SourceHash;
import dev.translation.worker.persistence.TranslationMemoryRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Translates the segments of several messages (a micro-batch) with as few model calls as possible:
 * segments that are no longer PENDING are skipped (so redelivery is idempotent and cancelled
 * segments are never translated), repeats are served from the translation memory, the remaining
 * distinct texts go to the engine in one call, and all results are written in one transaction.
 *
 * <p>Input the engine refuses ({@link InvalidInputException}, e.g. a text over its length limit)
 * fails only its own segments; the others are translated.
 */
@Component
public class MicroBatchTranslator {

  /** MDC key naming the job a log line is about. */
  public static final String MDC_JOB_ID = "jobId";

  private static final Logger log = LoggerFactory.getLogger(MicroBatchTranslator.class);

  private final TranslationEngine engine;
  private final DecodeOptions decoding;
  private final SegmentRepository segments;
  private final TranslationMemoryRepository memory;
  private final ResultStore store;
  private final TranslationMetrics metrics;
  private final Clock clock;
  private final String modelVersion;
  private final boolean identityTranslation;

  public MicroBatchTranslator(
      TranslationEngine engine,
      WorkerProperties properties,
      SegmentRepository segments,
      TranslationMemoryRepository memory,
      ResultStore store,
      TranslationMetrics metrics,
      // Benchmark-only switch (bin/benchmark-pipeline): the "translation" is the source text, so a
      // run measures the pipeline's own ceiling without the model. Never a product setting.
      @Value("${translation.worker.identity-translation:false}") boolean identityTranslation) {
    this.engine = engine;
    this.identityTranslation = identityTranslation;
    if (identityTranslation) {
      log.warn(
          "translation.worker.identity-translation is on: segments are copied, not translated");
    }
    this.decoding = properties.decoding().options(properties.lane());
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
   * Translates and stores the still-pending segments of {@code messages}, all of the model's
   * language pair.
   */
  public void translate(List<TranslationBatchMessage> messages) {
    List<Work> work = pendingWork(messages);
    if (work.isEmpty()) {
      return;
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

    List<SegmentResult> results = new ArrayList<>(work.size());
    List<MemoryEntry> newEntries = new ArrayList<>();
    Map<String, Integer> hitsByHash = new LinkedHashMap<>();
    for (Work item : work) {
      String fromMemory = remembered.get(item.hash());
      if (fromMemory != null) {
        results.add(new SegmentResult.Done(item.jobId(), item.index(), fromMemory, modelVersion));
        hitsByHash.merge(item.hash(), 1, Integer::sum);
      } else if (translated.containsKey(item.text())) {
        results.add(
            new SegmentResult.Done(
                item.jobId(), item.index(), translated.get(item.text()).text(), modelVersion));
      } else {
        results.add(new SegmentResult.Failed(item.jobId(), item.index(), invalid.get(item.text())));
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
  }

  private List<Work> pendingWork(List<TranslationBatchMessage> messages) {
    List<Work> work = new ArrayList<>();
    for (TranslationBatchMessage message : messages) {
      try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_JOB_ID, message.jobId())) {
        metrics.queued(Duration.between(message.enqueuedAt(), clock.instant()));
        Set<Integer> pending =
            segments.findPending(
                message.jobId(),
                message.segments().stream().map(TranslationBatchMessage.Segment::index).toList());
        for (TranslationBatchMessage.Segment segment : message.segments()) {
          if (pending.contains(segment.index())) {
            work.add(
                new Work(
                    message.jobId(),
                    segment.index(),
                    segment.text(),
                    SourceHash.of(segment.text())));
          }
        }
        int skipped = message.segments().size() - pending.size();
        if (skipped > 0) {
          log.info(
              "Skipping {} of {} segments that are no longer pending (done, failed or cancelled)",
              skipped,
              message.segments().size());
        }
      }
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
      put(translated, texts, callEngine(texts));
    } catch (InvalidInputException batchRefused) {
      log.warn(
          "Model refused a batch of {} texts ({}); translating them one by one",
          texts.size(),
          batchRefused.getMessage());
      for (String text : texts) {
        try {
          put(translated, List.of(text), callEngine(List.of(text)));
        } catch (InvalidInputException refused) {
          invalid.put(text, "Invalid input: " + refused.getMessage());
        }
      }
    }
    return translated;
  }

  private List<Translation> callEngine(List<String> texts) {
    long start = System.nanoTime();
    List<Translation> result =
        identityTranslation
            ? texts.stream().map(text -> new Translation(text, modelVersion, 0, 0)).toList()
            : engine.translate(texts, decoding);
    metrics.modelBatch(texts.size(), Duration.ofNanos(System.nanoTime() - start));
    long source = 0;
    long target = 0;
    for (Translation translation : result) {
      source += translation.sourceTokens();
      target += translation.targetTokens();
    }
    metrics.tokens(source, target);
    return result;
  }

  private static void put(
      Map<String, Translation> translated, List<String> texts, List<Translation> result) {
    for (int i = 0; i < texts.size(); i++) {
      translated.put(texts.get(i), result.get(i));
    }
  }

  private void logPerJob(List<SegmentResult> results, int servedFromMemory) {
    Map<String, int[]> perJob = new LinkedHashMap<>();
    for (SegmentResult result : results) {
      int[] counts = perJob.computeIfAbsent(result.jobId(), id -> new int[2]);
      counts[result instanceof SegmentResult.Done ? 0 : 1]++;
    }
    perJob.forEach(
        (jobId, counts) -> {
          try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_JOB_ID, jobId)) {
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
