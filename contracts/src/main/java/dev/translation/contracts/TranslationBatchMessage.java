package dev.translation.contracts;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A batch of segments of one job, as it travels on a lane's topic: a reference to work the submit
 * API accepted, never the work itself.
 *
 * <p>The message names a job and segment indexes only. The worker reads each segment's source text
 * and the job's language pair from the database, and writes only over segments that are still
 * pending there; so a record that anyone writes to a topic can at most ask for work the API already
 * accepted to be done (again), never change a job's text, languages or results.
 *
 * <p>Records are keyed {@code <job id>/<message number>}, so the outbox's partitioner deals a job's
 * messages out over the lane's partitions and every worker of the lane shares a large job; no order
 * between a job's messages is needed, since each names its own segments.
 *
 * <p>A message never carries a whole document: a job of any size becomes many messages of a few
 * segments each, so one redelivery redoes little work and one poison segment dead-letters little.
 * Workers must treat a message as possibly redelivered: results are keyed by (job id, segment
 * index) and written idempotently.
 *
 * <p>The record validates itself, so a malformed message (an id that is not a job id, negative or
 * repeated indexes, too many segments) fails in deserialisation and is dead-lettered as a poison
 * record without touching the database.
 *
 * @param schemaVersion the layout of this record; {@link #SCHEMA_VERSION} when produced by this
 *     code. Version 1 also carried texts and languages, which readers of version 2 ignore.
 * @param jobId the job's id: a UUID in canonical lower-case form, as the API creates them
 * @param segments the segments to translate, at least one and at most {@link #MAX_SEGMENTS}, with
 *     distinct indexes
 * @param enqueuedAt when the message was handed to Kafka, for queue-latency metrics
 */
public record TranslationBatchMessage(
    int schemaVersion, String jobId, List<Segment> segments, Instant enqueuedAt) {

  /** The schema version this code writes. */
  public static final int SCHEMA_VERSION = 2;

  /** Most segments one message may name, so one record never stands for unbounded work. */
  public static final int MAX_SEGMENTS = 1_000;

  private static final Pattern JOB_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /**
   * Validates the message and freezes its segment list.
   *
   * @throws IllegalArgumentException or {@link NullPointerException} naming the offending field
   */
  public TranslationBatchMessage {
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schemaVersion must be at least 1, was " + schemaVersion);
    }
    if (!isJobId(jobId)) {
      throw new IllegalArgumentException(
          "jobId must be a lower-case UUID such as 6f1c2b1e-3f43-4a8e-9a51-0b7c6c1d2e3f");
    }
    Objects.requireNonNull(segments, "segments");
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a message carries at least one segment");
    }
    if (segments.size() > MAX_SEGMENTS) {
      throw new IllegalArgumentException(
          "a message carries at most " + MAX_SEGMENTS + " segments, this one " + segments.size());
    }
    segments = List.copyOf(segments);
    Set<Integer> seen = new HashSet<>();
    for (Segment segment : segments) {
      if (!seen.add(segment.index())) {
        throw new IllegalArgumentException(
            "segment index " + segment.index() + " appears twice in job " + jobId);
      }
    }
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
  }

  /**
   * A message in the current {@link #SCHEMA_VERSION}.
   *
   * @param jobId the job's id
   * @param indexes the segments' indexes in the job, at least one
   * @param enqueuedAt when it is handed to Kafka
   */
  public static TranslationBatchMessage of(
      String jobId, List<Integer> indexes, Instant enqueuedAt) {
    return new TranslationBatchMessage(
        SCHEMA_VERSION, jobId, indexes.stream().map(Segment::new).toList(), enqueuedAt);
  }

  /**
   * Whether {@code text} is a job id: a UUID in the canonical lower-case form the API writes. Any
   * other spelling cannot name a stored job, so it is refused before it reaches a query.
   */
  public static boolean isJobId(String text) {
    return text != null && text.length() == 36 && JOB_ID.matcher(text).matches();
  }

  /** The segments' indexes, in message order. */
  public List<Integer> indexes() {
    return segments.stream().map(Segment::index).toList();
  }

  /**
   * One segment of the job, by its position.
   *
   * @param index its position in the job, from 0; with the job id it identifies the segment row
   */
  public record Segment(int index) {

    /** Validates the segment. */
    public Segment {
      if (index < 0) {
        throw new IllegalArgumentException("segment index must not be negative, was " + index);
      }
    }
  }
}
