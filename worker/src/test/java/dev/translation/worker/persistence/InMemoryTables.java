package dev.translation.worker.persistence;

import dev.translation.contracts.JobStatus;
import dev.translation.contracts.LanguagePair;
import dev.translation.contracts.SegmentStatus;
import dev.translation.contracts.Sha256;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The worker's tables in memory, for unit tests of the code above the repositories. The
 * repositories and the result store it hands out keep the promises the JDBC ones make to their
 * callers: only PENDING segments are found and written, a memory entry is found only for its
 * source, language pair and model version, and a job's status is recounted from its segments after
 * every write.
 */
public final class InMemoryTables {

  private final Map<String, JobStatus> jobs = new TreeMap<>();
  private final Map<String, LanguagePair> jobLanguages = new HashMap<>();
  private final Map<SegmentKey, Segment> segments = new LinkedHashMap<>();
  private final Map<MemoryKey, MemoryRow> memory = new HashMap<>();
  private int writes;

  /** A QUEUED job of PENDING segments, one per text, in {@code languages}. */
  public void addJob(String jobId, LanguagePair languages, List<String> texts) {
    jobs.put(jobId, JobStatus.QUEUED);
    jobLanguages.put(jobId, languages);
    for (int i = 0; i < texts.size(); i++) {
      segments.put(new SegmentKey(jobId, i), new Segment(texts.get(i)));
    }
  }

  /** Finishes a segment as someone else did: an earlier delivery, a cancel, a dead letter. */
  public void finish(String jobId, int index, SegmentStatus status, String translation) {
    Segment segment = segments.get(new SegmentKey(jobId, index));
    segment.status = status;
    segment.translation = translation;
  }

  /** A memory entry, as an earlier job left it. */
  public void remember(
      LanguagePair languages, String modelVersion, String source, String translation) {
    memory.put(
        new MemoryKey(Sha256.hex(source), languages.toString(), modelVersion),
        new MemoryRow(source, translation));
  }

  public SegmentStatus status(String jobId, int index) {
    return segments.get(new SegmentKey(jobId, index)).status;
  }

  public String translation(String jobId, int index) {
    return segments.get(new SegmentKey(jobId, index)).translation;
  }

  /** The version recorded on a DONE segment. */
  public String modelVersion(String jobId, int index) {
    return segments.get(new SegmentKey(jobId, index)).modelVersion;
  }

  public String error(String jobId, int index) {
    return segments.get(new SegmentKey(jobId, index)).error;
  }

  public JobStatus jobStatus(String jobId) {
    return jobs.get(jobId);
  }

  /** The memory entry's hit count, or null when there is no such entry. */
  public Integer memoryHits(LanguagePair languages, String modelVersion, String source) {
    MemoryRow row =
        memory.get(new MemoryKey(Sha256.hex(source), languages.toString(), modelVersion));
    return row == null ? null : row.hits;
  }

  /** Transactions the result store ran. */
  public int writes() {
    return writes;
  }

  public SegmentRepository segmentRepository() {
    return new SegmentRepository(null) {
      @Override
      public List<PendingSegment> findPending(
          Map<String, ? extends Collection<Integer>> indexesByJob) {
        List<PendingSegment> pending = new ArrayList<>();
        indexesByJob.forEach(
            (jobId, indexes) -> {
              for (int index : indexes) {
                Segment segment = segments.get(new SegmentKey(jobId, index));
                if (segment != null && segment.status == SegmentStatus.PENDING) {
                  pending.add(
                      new PendingSegment(
                          jobId,
                          index,
                          segment.text,
                          Sha256.hex(segment.text),
                          jobLanguages.get(jobId)));
                }
              }
            });
        return pending;
      }
    };
  }

  public TranslationMemoryRepository memoryRepository() {
    return new TranslationMemoryRepository(null) {
      @Override
      public Map<String, String> find(
          String languagePair, String modelVersion, Map<String, String> sources) {
        Map<String, String> found = new HashMap<>();
        sources.forEach(
            (hash, source) -> {
              MemoryRow row = memory.get(new MemoryKey(hash, languagePair, modelVersion));
              if (row != null && row.source.equals(source)) {
                found.put(hash, row.translation);
              }
            });
        return found;
      }
    };
  }

  public ResultStore resultStore() {
    return new ResultStore(null, null, null, null) {
      @Override
      public Written save(
          List<SegmentOutcome> outcomes, List<MemoryEntry> newEntries, List<MemoryEntry> hits) {
        writes++;
        int done = 0;
        int failed = 0;
        for (SegmentOutcome outcome : outcomes) {
          Segment segment = segments.get(new SegmentKey(outcome.jobId(), outcome.index()));
          if (segment == null || segment.status != SegmentStatus.PENDING) {
            continue;
          }
          switch (outcome) {
            case SegmentOutcome.Done d -> {
              segment.status = SegmentStatus.DONE;
              segment.translation = d.translation();
              segment.modelVersion = d.modelVersion();
              done++;
            }
            case SegmentOutcome.Failed f -> {
              segment.status = SegmentStatus.FAILED;
              segment.error = f.error();
              failed++;
            }
          }
        }
        for (MemoryEntry entry : newEntries) {
          MemoryKey key =
              new MemoryKey(entry.sourceHash(), entry.languagePair(), entry.modelVersion());
          MemoryRow existing = memory.get(key);
          if (existing == null) {
            MemoryRow row = new MemoryRow(entry.sourceText(), entry.translation());
            row.hits = entry.hits();
            memory.put(key, row);
          } else {
            // Another worker added it meanwhile: the segment that went to the model is a hit too.
            existing.hits += 1 + entry.hits();
          }
        }
        for (MemoryEntry hit : hits) {
          memory.get(new MemoryKey(hit.sourceHash(), hit.languagePair(), hit.modelVersion()))
                  .hits +=
              hit.hits();
        }
        Map<String, JobStatus> finished = new TreeMap<>();
        for (String jobId : new TreeSet<>(outcomes.stream().map(SegmentOutcome::jobId).toList())) {
          JobStatus before = jobs.get(jobId);
          if (before == null) {
            continue;
          }
          JobStatus after = progress(jobId).nextStatus(before);
          jobs.put(jobId, after);
          if (after.isTerminal() && !before.isTerminal()) {
            finished.put(jobId, after);
          }
        }
        return new Written(done, failed, finished);
      }
    };
  }

  private JobProgress progress(String jobId) {
    int total = 0;
    int[] counts = new int[SegmentStatus.values().length];
    for (Map.Entry<SegmentKey, Segment> row : segments.entrySet()) {
      if (row.getKey().jobId().equals(jobId)) {
        total++;
        counts[row.getValue().status.ordinal()]++;
      }
    }
    return new JobProgress(
        total,
        counts[SegmentStatus.DONE.ordinal()],
        counts[SegmentStatus.FAILED.ordinal()],
        counts[SegmentStatus.CANCELLED.ordinal()]);
  }

  private record SegmentKey(String jobId, int index) {}

  private record MemoryKey(String sourceHash, String languagePair, String modelVersion) {}

  private static final class Segment {
    final String text;
    SegmentStatus status = SegmentStatus.PENDING;
    String translation;
    String modelVersion;
    String error;

    Segment(String text) {
      this.text = text;
    }
  }

  private static final class MemoryRow {
    final String source;
    final String translation;
    int hits;

    MemoryRow(String source, String translation) {
      this.source = source;
      this.translation = translation;
    }
  }
}
