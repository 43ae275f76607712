package dev.translation.launcher.corpus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one shard did, as stored with the shard and merged into the batch's {@code summary.json}.
 *
 * @param shard the shard's index
 * @param attempts processes (pods) it took
 * @param items lines or documents read
 * @param problems items that could not be translated at all, with the reason
 * @param segments segment counts
 * @param failedSegments failed segments with the reason, the first ones only when there are many
 * @param modelVersions translated segments per model version
 * @param sourceCharacters characters of source text translated
 * @param startedAt when its first attempt started
 * @param finishedAt when it finished
 * @param outputs files it wrote, relative to the output directory
 */
public record ShardSummary(
    int shard,
    int attempts,
    long items,
    List<Problem> problems,
    SegmentCounts segments,
    List<FailedSegment> failedSegments,
    Map<String, Long> modelVersions,
    long sourceCharacters,
    Instant startedAt,
    Instant finishedAt,
    List<String> outputs) {

  /**
   * An input item that was not translated.
   *
   * @param item {@code line N} (from 1) or the document's path
   * @param reason why
   */
  public record Problem(String item, String reason) {}

  /**
   * A segment the workers could not translate.
   *
   * @param item the line or document it came from
   * @param source its source text, shortened
   * @param reason why it failed
   */
  public record FailedSegment(String item, String source, String reason) {}

  /**
   * @param total segments
   * @param translated translated (by the workers or the translation memory)
   * @param fromMemory answered by the translation memory before publishing
   * @param failed failed for good
   * @param cancelled cancelled by the batch's owner
   */
  public record SegmentCounts(
      long total, long translated, long fromMemory, long failed, long cancelled) {

    /** The sum of both. */
    public SegmentCounts plus(SegmentCounts other) {
      return new SegmentCounts(
          total + other.total,
          translated + other.translated,
          fromMemory + other.fromMemory,
          failed + other.failed,
          cancelled + other.cancelled);
    }
  }
}
