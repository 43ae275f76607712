package dev.translation.contracts;

import java.util.List;

/**
 * Kafka topic names of the pipeline, spelled once.
 *
 * <p>Dead letters go to one topic per lane, named the way spring-kafka's {@code
 * DeadLetterPublishingRecoverer} names them by default ({@code <topic>.DLT}, same partition as the
 * failed record). That keeps the worker's error handling to the stock recoverer with no custom
 * destination resolver, keeps a flood of failed corpus segments from burying an interactive user's
 * failure, and is why each dead-letter topic has as many partitions as its lane: the default
 * recoverer writes to the failed record's partition number.
 */
public final class Topics {

  /** Partitions per lane, so that up to 12 workers per lane consume in parallel. */
  public static final int PARTITIONS = 12;

  /** Small, latency-sensitive requests from the submit API. */
  public static final String TRANSLATE_INTERACTIVE = "translate.interactive";

  /** Corpus translation from batch jobs; may lag without hurting interactive users. */
  public static final String TRANSLATE_BATCH = "translate.batch";

  /** Dead letters of the interactive lane (spring-kafka's default {@code .DLT} suffix). */
  public static final String TRANSLATE_INTERACTIVE_DEAD_LETTER = TRANSLATE_INTERACTIVE + ".DLT";

  /** Dead letters of the batch lane (spring-kafka's default {@code .DLT} suffix). */
  public static final String TRANSLATE_BATCH_DEAD_LETTER = TRANSLATE_BATCH + ".DLT";

  /**
   * Model lifecycle events (promotion, canary, rollback), keyed by model name and compacted, so a
   * worker that starts reads the latest state of every model from the beginning of the topic.
   */
  public static final String MODEL_EVENTS = "model.events";

  /**
   * Jobs that reached a final status, written by the worker that finished them and read by every
   * submit API replica, so a request waiting on a job ({@code ?wait}) learns of it at once instead
   * of polling the database. Only a wake-up: the API reads the job's status from the database.
   */
  public static final String JOB_EVENTS = "job.events";

  /** Partitions of {@link #JOB_EVENTS}: every API replica reads them all. */
  public static final int JOB_EVENT_PARTITIONS = 3;

  /**
   * Every topic the pipeline needs, with its shape. {@link #MODEL_EVENTS} has one partition: its
   * events are rare, and a single partition gives every consumer one total order of promotions.
   */
  public static final List<TopicSpec> ALL =
      List.of(
          new TopicSpec(TRANSLATE_INTERACTIVE, PARTITIONS, false),
          new TopicSpec(TRANSLATE_BATCH, PARTITIONS, false),
          new TopicSpec(TRANSLATE_INTERACTIVE_DEAD_LETTER, PARTITIONS, false),
          new TopicSpec(TRANSLATE_BATCH_DEAD_LETTER, PARTITIONS, false),
          new TopicSpec(MODEL_EVENTS, 1, true),
          new TopicSpec(JOB_EVENTS, JOB_EVENT_PARTITIONS, false));

  /**
   * The dead-letter topic for a topic, by spring-kafka's default naming.
   *
   * @param topic the topic whose failed records are dead-lettered
   * @return {@code topic + ".DLT"}
   */
  public static String deadLetterTopicOf(String topic) {
    return topic + ".DLT";
  }

  private Topics() {}
}
