package dev.translation.contracts;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of the pipeline's Kafka messages, in one place for every app that writes or reads
 * them: each record as Jackson 3 writes it, with no type headers (producers in other apps need not
 * know Java class names). Unknown fields are ignored so that a producer may add optional fields
 * within one schema version; each record's own validation rejects anything malformed.
 */
public final class WireFormat {

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private WireFormat() {}

  /** A translation request as the API writes it into the outbox and the worker reads it. */
  public static String write(TranslationBatchMessage message) {
    return JSON.writeValueAsString(message);
  }

  /** A job event as the worker publishes it. */
  public static String write(JobFinishedEvent event) {
    return JSON.writeValueAsString(event);
  }

  /** A rollout change as the launcher writes it into the outbox. */
  public static String write(ModelRolloutEvent event) {
    return JSON.writeValueAsString(event);
  }

  /**
   * Reads a rollout change.
   *
   * @throws RuntimeException (Jackson's, or the record's validation) when the text is not one
   */
  public static ModelRolloutEvent readModelRollout(String json) {
    if (json == null) {
      throw new IllegalArgumentException("record has no value");
    }
    return JSON.readValue(json, ModelRolloutEvent.class);
  }

  /**
   * Reads a translation request.
   *
   * @throws RuntimeException (Jackson's, or the record's validation) when the bytes are not one
   */
  public static TranslationBatchMessage readTranslationBatch(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("record has no value");
    }
    return JSON.readValue(bytes, TranslationBatchMessage.class);
  }

  /**
   * Reads a job event.
   *
   * @throws RuntimeException (Jackson's, or the record's validation) when the text is not one
   */
  public static JobFinishedEvent readJobFinished(String json) {
    if (json == null) {
      throw new IllegalArgumentException("record has no value");
    }
    return JSON.readValue(json, JobFinishedEvent.class);
  }
}
