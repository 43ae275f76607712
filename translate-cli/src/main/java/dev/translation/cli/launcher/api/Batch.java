package dev.translation.cli.launcher.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A corpus batch as {@code GET /v1/batches/{id}} shows it; fields the command line does not use are
 * left out.
 *
 * @param id the batch id
 * @param status queued, running, succeeded, partially_failed, failed or cancelled
 * @param reason why it failed or was cancelled, or null
 * @param input a path below the launcher's input volume, or an http(s) URL
 * @param format text, tsv, jsonl or documents
 * @param field the TSV column or JSONL field translated, or null
 * @param header whether the TSV input's first line is a header
 * @param output a path below the launcher's output volume
 * @param source source language
 * @param target target language
 * @param shards how many shards it is split into
 * @param priority low, normal or high
 * @param executor local or kubernetes
 * @param progress its shards' progress, added up
 * @param attempts processes (pods) all shards have taken
 * @param createdAt when it was launched
 * @param startedAt when its first shard started, or null
 * @param finishedAt when it reached a final status, or null
 * @param shardStates each shard's state, by index
 * @param summary once finished, what it did; else null
 */
public record Batch(
    String id,
    String status,
    String reason,
    String input,
    String format,
    String field,
    boolean header,
    String output,
    String source,
    String target,
    int shards,
    String priority,
    String executor,
    Progress progress,
    int attempts,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    List<ShardState> shardStates,
    Summary summary) {

  public static final String SUCCEEDED = "succeeded";
  public static final String PARTIALLY_FAILED = "partially_failed";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";

  private static final Set<String> FINAL = Set.of(SUCCEEDED, PARTIALLY_FAILED, FAILED, CANCELLED);

  public Batch {
    progress = progress == null ? new Progress(0, 0, 0, 0, null, 0, 0, 0) : progress;
    shardStates = shardStates == null ? List.of() : List.copyOf(shardStates);
  }

  /** Whether the batch will not change any more. */
  public boolean finished() {
    return FINAL.contains(status);
  }

  /**
   * A batch's counts, its shards' added up.
   *
   * @param segmentsTotal segments found so far (grows while shards read their input)
   * @param segmentsDone translated
   * @param segmentsFailed failed for good
   * @param itemsRead lines or documents read
   * @param itemsTotal lines or documents in the input, or null while unknown
   * @param shardsSucceeded shards finished well
   * @param shardsFailed shards failed for good
   * @param shardsRunning shards running or waiting for a retry
   */
  public record Progress(
      long segmentsTotal,
      long segmentsDone,
      long segmentsFailed,
      long itemsRead,
      Long itemsTotal,
      int shardsSucceeded,
      int shardsFailed,
      int shardsRunning) {}

  /**
   * One shard: a process (or pod) at a time working through its part of the input.
   *
   * @param index from 0
   * @param status the shard's status, named as the batch's
   * @param phase what its current attempt does: prepare, read, publish, await, write
   * @param attempts processes it has taken
   * @param jobId the pipeline job its segments go to, or null before it has one
   * @param itemsRead lines or documents read
   * @param itemsTotal lines or documents in its part, or null while unknown
   * @param segmentsTotal its segments
   * @param segmentsDone translated
   * @param segmentsFailed failed for good
   * @param reason why it failed, or null
   */
  public record ShardState(
      int index,
      String status,
      String phase,
      int attempts,
      String jobId,
      long itemsRead,
      Long itemsTotal,
      long segmentsTotal,
      long segmentsDone,
      long segmentsFailed,
      String reason) {}

  /**
   * What a finished batch did, from its {@code summary.json}.
   *
   * @param items lines or documents read
   * @param problems items that could not be translated at all (the first ones when there are many)
   * @param segments segment counts
   * @param failedSegments failed segments (the first ones when there are many)
   * @param wallSeconds from the first shard's start to the last one's finish
   */
  public record Summary(
      long items,
      List<Problem> problems,
      SegmentCounts segments,
      List<FailedSegment> failedSegments,
      double wallSeconds) {

    public Summary {
      problems = problems == null ? List.of() : List.copyOf(problems);
      failedSegments = failedSegments == null ? List.of() : List.copyOf(failedSegments);
      segments = segments == null ? new SegmentCounts(0, 0, 0, 0, 0) : segments;
    }

    /**
     * @param item {@code line N} or the document's path
     * @param reason why it was not translated
     */
    public record Problem(String item, String reason) {}

    /**
     * @param item the line or document it came from
     * @param source its source text, shortened
     * @param reason why it failed
     */
    public record FailedSegment(String item, String source, String reason) {}

    /**
     * @param total segments
     * @param translated translated, by the workers or the translation memory
     * @param fromMemory of those, answered by the translation memory
     * @param failed failed for good
     * @param cancelled cancelled with the batch
     */
    public record SegmentCounts(
        long total, long translated, long fromMemory, long failed, long cancelled) {}
  }
}
