package dev.translation.worker.rollout;

import dev.translation.contracts.LanguagePair;
import dev.translation.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Hears {@link Topics#MODEL_EVENTS} and has the {@link RolloutFollower} read the registry when a
 * record for this worker's language pair arrives, and every recheck interval regardless. Every
 * worker reads every partition from its end (no consumer group: each worker must hear every change,
 * and the registry, not the topic, is the state it starts from).
 */
public final class ModelEventListener implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ModelEventListener.class);
  private static final Duration POLL = Duration.ofSeconds(1);

  private final Supplier<Consumer<String, String>> consumers;
  private final RolloutFollower follower;
  private final LanguagePair languages;
  private final Duration recheckInterval;
  private volatile Consumer<String, String> consumer;
  private volatile Thread thread;
  private volatile boolean running;

  /**
   * @param consumers makes the Kafka consumer (string keys and values, no group)
   * @param recheckInterval how often the registry is read without a record
   */
  public ModelEventListener(
      Supplier<Consumer<String, String>> consumers,
      RolloutFollower follower,
      LanguagePair languages,
      Duration recheckInterval) {
    this.consumers = consumers;
    this.follower = follower;
    this.languages = languages;
    this.recheckInterval = recheckInterval;
  }

  @Override
  public void start() {
    running = true;
    thread = Thread.ofPlatform().name("model-events").daemon().start(this::run);
  }

  @Override
  public void stop() {
    running = false;
    Consumer<String, String> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    Thread listening = thread;
    if (listening != null) {
      try {
        listening.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    String key = languages.toString();
    long nextRecheck = System.nanoTime() + recheckInterval.toNanos();
    try (Consumer<String, String> kafka = consumers.get()) {
      consumer = kafka;
      assignFromEnd(kafka);
      // A change committed between the worker's first read of the registry and the seek above
      // has no record left to hear; read the registry once more now.
      refresh("start");
      while (running) {
        ConsumerRecords<String, String> records = kafka.poll(POLL);
        boolean changed = false;
        for (ConsumerRecord<String, String> record : records) {
          changed |= key.equals(record.key());
        }
        if (changed) {
          refresh("a model.events record");
          nextRecheck = System.nanoTime() + recheckInterval.toNanos();
        } else if (System.nanoTime() - nextRecheck >= 0) {
          refresh("the recheck interval");
          nextRecheck = System.nanoTime() + recheckInterval.toNanos();
        }
      }
    } catch (WakeupException stopping) {
      // stop() woke the poll up.
    } catch (RuntimeException e) {
      log.error(
          "Stopped listening to {}; the worker keeps serving its current models and will not"
              + " follow rollouts until it restarts",
          Topics.MODEL_EVENTS,
          e);
    } finally {
      consumer = null;
    }
  }

  /** Assigns every partition of the topic at its end, waiting for the topic to exist. */
  private void assignFromEnd(Consumer<String, String> kafka) {
    while (running) {
      Map<String, List<PartitionInfo>> topics = kafka.listTopics(POLL.multipliedBy(10));
      List<PartitionInfo> partitions = topics.get(Topics.MODEL_EVENTS);
      if (partitions != null && !partitions.isEmpty()) {
        List<TopicPartition> assigned =
            partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        kafka.assign(assigned);
        kafka.seekToEnd(assigned);
        assigned.forEach(kafka::position);
        return;
      }
      log.info("Waiting for topic {} to exist", Topics.MODEL_EVENTS);
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void refresh(String why) {
    try {
      follower.refresh();
    } catch (RuntimeException e) {
      log.warn("Reading the model registry after {} failed; trying again later", why, e);
    }
  }
}
