package dev.translation.contracts;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A batch of segments of one job, as it travels on a lane's topic. The Kafka record key is the
 * {@link #jobId()}, so one job's batches keep their order within a partition.
 *
 * <p>A message never carries a whole document: a job of any size becomes many messages of a few
 * segments each, so one redelivery redoes little work and one poison segment dead-letters little.
 * Workers must treat a message as possibly redelivered: results are keyed by (job id, segment
 * index) and written idempotently.
 *
 * <p>The record validates itself, so a malformed message fails in deserialisation and is
 * dead-lettered as a poison record instead of reaching the model.
 *
 * @param schemaVersion the layout of this record; {@link #SCHEMA_VERSION} when produced by this
 *     code. Consumers reject versions they do not know instead of guessing.
 * @param jobId the job's id (a UUID string), also the Kafka key
 * @param sourceLanguage ISO 639-1 code of the source text, e.g. {@code de}
 * @param targetLanguage ISO 639-1 code to translate into, e.g. {@code en}
 * @param modelHint a model name or {@code name:version} to prefer, or {@code null} for the active
 *     model of the language pair
 * @param segments the segments to translate, at least one, with distinct indexes
 * @param enqueuedAt when the message was handed to Kafka, for queue-latency metrics
 */
public record TranslationBatchMessage(
    int schemaVersion,
    String jobId,
    String sourceLanguage,
    String targetLanguage,
    String modelHint,
    List<Segment> segments,
    Instant enqueuedAt) {

  /** The schema version this code writes. */
  public static final int SCHEMA_VERSION = 1;

  /**
   * Validates the message and freezes its segment list.
   *
   * @throws IllegalArgumentException or {@link NullPointerException} naming the offending field
   */
  public TranslationBatchMessage {
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schemaVersion must be at least 1, was " + schemaVersion);
    }
    Objects.requireNonNull(jobId, "jobId");
    if (jobId.isBlank()) {
      throw new IllegalArgumentException("jobId must not be blank");
    }
    // Validates both codes; the strings stay the wire format so the JSON reads naturally.
    new LanguagePair(sourceLanguage, targetLanguage);
    Objects.requireNonNull(segments, "segments");
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a message carries at least one segment");
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
   * @param languages the translation direction
   * @param modelHint preferred model, or {@code null} for the active one
   * @param segments the segments, at least one
   * @param enqueuedAt when it is handed to Kafka
   */
  public static TranslationBatchMessage of(
      String jobId,
      LanguagePair languages,
      String modelHint,
      List<Segment> segments,
      Instant enqueuedAt) {
    return new TranslationBatchMessage(
        SCHEMA_VERSION,
        jobId,
        languages.source(),
        languages.target(),
        modelHint,
        segments,
        enqueuedAt);
  }

  /** The translation direction as a validated pair. */
  public LanguagePair languages() {
    return new LanguagePair(sourceLanguage, targetLanguage);
  }

  /**
   * One piece of text to translate, usually a sentence.
   *
   * @param index its position in the job, from 0; with the job id it identifies the result row
   * @param text the source text, never null (it may be empty: an empty line translates to itself)
   */
  public record Segment(int index, String text) {

    /** Validates the segment. */
    public Segment {
      if (index < 0) {
        throw new IllegalArgumentException("segment index must not be negative, was " + index);
      }
      Objects.requireNonNull(text, "text");
    }
  }
}
