package dev.translation.contracts;

import java.util.Arrays;
import java.util.Locale;

/**
 * The two queues translation work travels on. Each lane has its own topic, consumer group and
 * worker Deployment, scaled by its own lag, so a million-segment corpus never delays a user's
 * sentence.
 */
public enum Lane {
  /** Requests from the submit API, where a person waits for the answer. */
  INTERACTIVE(Topics.TRANSLATE_INTERACTIVE),
  /** Corpus jobs, where throughput matters and latency does not. */
  BATCH(Topics.TRANSLATE_BATCH);

  private final String topic;

  Lane(String topic) {
    this.topic = topic;
  }

  /** The topic this lane's messages are published to. */
  public String topic() {
    return topic;
  }

  /** The topic this lane's poison records end up on. */
  public String deadLetterTopic() {
    return Topics.deadLetterTopicOf(topic);
  }

  /**
   * The lane for a configuration value such as {@code interactive} or {@code BATCH}.
   *
   * @throws IllegalArgumentException naming the allowed values when {@code name} is none of them
   */
  public static Lane fromName(String name) {
    if (name != null) {
      String normalised = name.trim().toUpperCase(Locale.ROOT);
      for (Lane lane : values()) {
        if (lane.name().equals(normalised)) {
          return lane;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown lane '" + name + "', expected one of " + Arrays.toString(values()));
  }

  /**
   * The lane whose topic is {@code topic}.
   *
   * @throws IllegalArgumentException when no lane publishes to {@code topic}
   */
  public static Lane ofTopic(String topic) {
    for (Lane lane : values()) {
      if (lane.topic.equals(topic)) {
        return lane;
      }
    }
    throw new IllegalArgumentException("no lane publishes to topic '" + topic + "'");
  }
}
