package dev.translation.contracts;

import java.util.List;

/**
 * Kafka topic names of the pipeline, spelled once.
 *
 * <p>Dead letters go to one topic per lane, {@code <topic>.DLT}, into the failed record's partition
 * number. The worker names that destination explicitly on spring-kafka's {@code
 * DeadLetterPublishingRecoverer} (whose own default suffix is {@code -dlt} in spring-kafka 4). One
 * topic per lane keeps a flood of failed corpus segments from burying an interactive user's
 * failure; writing to the same partition number is why each dead-letter topic has as many
 * partitions as its lane.
 */
public final class Topics {

  /** Partitions per lane, so that up to 12 workers per lane consume in parallel. */
  public static final int PARTITIONS = 12;

  /** Small, latency-sensitive requests from the submit API. */
  public static final String TRANSLATE_INTERACTIVE = "translate.interactive";

  /** Corpus translation from batch jobs; may lag without hurting interactive users. */
  public static final String TRANSLATE_BATCH = "translate.batch";

  /** Dead letters of the interactive lane. */
  public static final String TRANSLATE_INTERACTIVE_DEAD_LETTER = TRANSLATE_INTERACTIVE + ".DLT";

  /** Dead letters of the batch lane. */
  public static final String TRANSLATE_BATCH_DEAD_LETTER = TRANSLATE_BATCH + ".DLT";

  /**
   * Jobs that reached a final status, written by the worker that finished them and read by every
   * submit API replica, so a request waiting on a job ({@code ?wait}) learns of it at once instead
   * of polling the database. Only a wake-up: the API reads the job's status from the database.
   */
  public static final String JOB_EVENTS = "job.events";

  /** Partitions of {@link #JOB_EVENTS}: every API replica reads them all. */
  public static final int JOB_EVENT_PARTITIONS = 3;

  /**
   * Rollout changes of the model registry, keyed by language pair ({@code de-en}) and compacted, so
   * the topic always holds the latest rollout of every pair. Written (through the outbox) by the
   * job launcher when it registers the starter model, promotes, starts or ends a canary, or rolls
   * back; read by every worker, which then loads what the registry says serves its pair.
   */
  public static final String MODEL_EVENTS = "model.events";

  /** Partitions of {@link #MODEL_EVENTS}: every worker reads them all. */
  public static final int MODEL_EVENT_PARTITIONS = 3;

  /** Every topic the pipeline needs, with its shape. */
  public static final List<TopicSpec> ALL =
      List.of(
          new TopicSpec(TRANSLATE_INTERACTIVE, PARTITIONS, false),
          new TopicSpec(TRANSLATE_BATCH, PARTITIONS, false),
          new TopicSpec(TRANSLATE_INTERACTIVE_DEAD_LETTER, PARTITIONS, false),
          new TopicSpec(TRANSLATE_BATCH_DEAD_LETTER, PARTITIONS, false),
          new TopicSpec(JOB_EVENTS, JOB_EVENT_PARTITIONS, false),
          new TopicSpec(MODEL_EVENTS, MODEL_EVENT_PARTITIONS, true));

  /**
   * The dead-letter topic for a topic.
   *
   * @param topic the topic whose failed records are dead-lettered
   * @return {@code topic + ".DLT"}
   */
  public static String deadLetterTopicOf(String topic) {
    return topic + ".DLT";
  }

  private Topics() {}
}
