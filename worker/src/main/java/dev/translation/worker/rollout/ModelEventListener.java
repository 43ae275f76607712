package dev.translation.worker.rollout;

import dev.translation.contracts.LanguagePair;
import dev.translation.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Hears {@link Topics#MODEL_EVENTS} and has the registry read ({@link RolloutFollower#refresh})
 * when a record for this worker's language pair arrives; independently, every recheck interval.
 * Every worker reads every partition from its end (no consumer group: each worker must hear every
 * change, and the registry, not the topic, is the state it starts from). Kafka failing (not up yet,
 * the worker's user not created yet, a broker restarting) never stops either: the consumer is made
 * again after a pause that grows to 30 s, and the recheck goes on meanwhile.
 */
public final class ModelEventListener implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ModelEventListener.class);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

  private final Supplier<Consumer<String, String>> consumers;
  private final Runnable readRegistry;
  private final LanguagePair languages;
  private final Duration recheckInterval;
  private final ScheduledExecutorService recheck =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> Thread.ofPlatform().name("model-recheck").daemon().unstarted(runnable));
  private volatile Consumer<String, String> consumer;
  private volatile Thread thread;
  private volatile boolean running;

  /**
   * @param consumers makes the Kafka consumer (string keys and values, no group)
   * @param readRegistry reads the registry and follows it ({@link RolloutFollower#refresh})
   * @param recheckInterval how often the registry is read without a record
   */
  public ModelEventListener(
      Supplier<Consumer<String, String>> consumers,
      Runnable readRegistry,
      LanguagePair languages,
      Duration recheckInterval) {
    this.consumers = consumers;
    this.readRegistry = readRegistry;
    this.languages = languages;
    this.recheckInterval = recheckInterval;
  }

  @Override
  public void start() {
    running = true;
    recheck.scheduleWithFixedDelay(
        () -> refresh("the recheck interval"),
        recheckInterval.toMillis(),
        recheckInterval.toMillis(),
        TimeUnit.MILLISECONDS);
    thread = Thread.ofPlatform().name("model-events").daemon().start(this::listen);
  }

  @Override
  public void stop() {
    running = false;
    recheck.shutdownNow();
    Consumer<String, String> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    Thread listening = thread;
    if (listening != null) {
      listening.interrupt();
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

  private void listen() {
    Duration pause = FIRST_PAUSE;
    while (running) {
      try (Consumer<String, String> kafka = consumers.get()) {
        consumer = kafka;
        assignFromEnd(kafka);
        // A change committed before the seek above has no record left to hear: read the registry.
        refresh("(re)connecting to " + Topics.MODEL_EVENTS);
        pause = FIRST_PAUSE;
        while (running) {
          boolean changed = false;
          for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
            changed |= languages.toString().equals(record.key());
          }
          if (changed) {
            refresh("a model.events record");
          }
        }
      } catch (WakeupException stopping) {
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        log.warn(
            "Listening to {} failed ({}); trying again in {} s, the registry is still read every {}"
                + " s",
            Topics.MODEL_EVENTS,
            e.toString(),
            pause.toSeconds(),
            recheckInterval.toSeconds());
      } finally {
        consumer = null;
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        return;
      }
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
              ? LONGEST_PAUSE
              : pause.multipliedBy(2);
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
        throw new WakeupException();
      }
    }
  }

  private void refresh(String why) {
    try {
      readRegistry.run();
    } catch (RuntimeException e) {
      log.warn("Reading the model registry after {} failed; trying again later", why, e);
    }
  }
}
