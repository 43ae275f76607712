package dev.translation.launcher.batch;

import dev.translation.contracts.SegmentStatus;
import dev.translation.launcher.corpus.ShardSummary;
import dev.translation.launcher.corpus.ShardSummary.FailedSegment;
import dev.translation.launcher.corpus.ShardSummary.Problem;
import dev.translation.launcher.corpus.ShardSummary.SegmentCounts;
import dev.translation.launcher.persistence.ShardSegment;
import dev.translation.launcher.persistence.StoredShard;
import dev.translation.segmentation.SentenceSegmenter;
import dev.translation.segmentation.TextPiece;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts what the output step puts back, for the shard's summary. */
final class ShardTally {

  private static final int MAX_SOURCE_SHOWN = 200;

  private final int maxListed;
  private long items;
  private long segments;
  private long translated;
  private long failed;
  private long cancelled;
  private long characters;
  private final List<Problem> problems = new ArrayList<>();
  private final List<FailedSegment> failedSegments = new ArrayList<>();
  private final Map<String, Long> models = new TreeMap<>();
  private final List<String> outputs = new ArrayList<>();

  ShardTally(int maxListed) {
    this.maxListed = maxListed;
  }

  void item() {
    items++;
  }

  void problem(String item, String reason) {
    if (problems.size() < maxListed) {
      problems.add(new Problem(item, reason));
    }
  }

  void output(String relative) {
    outputs.add(relative);
  }

  /**
   * Counts a text's segments and puts the text's translation together.
   *
   * @param sourceStandsIn whether a failed sentence keeps its source text (documents) or the whole
   *     text's translation is empty (corpus lines, so a failed line is plainly empty)
   * @return the translation, or null when a corpus line failed
   */
  String text(String item, List<ShardSegment> text, boolean sourceStandsIn) {
    boolean complete = true;
    for (ShardSegment segment : text) {
      segments++;
      characters += segment.source().length();
      switch (segment.status()) {
        case DONE -> {
          translated++;
          models.merge(segment.modelVersion(), 1L, Long::sum);
        }
        case FAILED -> {
          failed++;
          complete = false;
          if (failedSegments.size() < maxListed) {
            failedSegments.add(
                new FailedSegment(item, shortened(segment.source()), segment.error()));
          }
        }
        case CANCELLED, PENDING -> {
          cancelled++;
          complete = false;
        }
      }
    }
    if (!complete && !sourceStandsIn) {
      return null;
    }
    List<TextPiece> layout =
        text.stream()
            .map(
                s ->
                    new TextPiece(
                        s.status() == SegmentStatus.DONE ? s.translation() : s.source(),
                        s.lineBreaks()))
            .toList();
    return SentenceSegmenter.join(layout, TextPiece::text);
  }

  /** Whether the text's segments were all translated. */
  static boolean complete(List<ShardSegment> text) {
    return text.stream().allMatch(s -> s.status() == SegmentStatus.DONE);
  }

  ShardSummary summary(StoredShard shard, long fromMemory, Instant finishedAt) {
    return new ShardSummary(
        shard.index(),
        shard.attempts(),
        items,
        List.copyOf(problems),
        new SegmentCounts(segments, translated, fromMemory, failed, cancelled),
        List.copyOf(failedSegments),
        new TreeMap<>(models),
        characters,
        shard.startedAt(),
        finishedAt,
        List.copyOf(outputs));
  }

  private static String shortened(String source) {
    return source.length() <= MAX_SOURCE_SHOWN
        ? source
        : source.substring(0, MAX_SOURCE_SHOWN) + "…";
  }
}
