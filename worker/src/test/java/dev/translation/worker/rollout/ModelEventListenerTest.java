package dev.translation.worker.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.translation.contracts.LanguagePair;
import dev.translation.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ModelEventListenerTest {

  private static final TopicPartition PARTITION = new TopicPartition(Topics.MODEL_EVENTS, 0);

  @Test
  void aKafkaFailureNeverStopsItFollowingTheRegistry() {
    AtomicInteger reads = new AtomicInteger();
    MockConsumer<String, String> working = consumer();
    AtomicInteger made = new AtomicInteger();
    ModelEventListener listener =
        new ModelEventListener(
            () -> made.getAndIncrement() == 0 ? failing() : working,
            reads::incrementAndGet,
            LanguagePair.GERMAN_TO_ENGLISH,
            Duration.ofHours(1));
    listener.start();
    try {
      // The first consumer fails (Kafka not up yet); the second connects and reads the registry.
      await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() >= 1);
      int before = reads.get();

      // A record for another pair changes nothing; one for this worker's pair reads the registry.
      working.schedulePollTask(
          () -> working.addRecord(new ConsumerRecord<>(Topics.MODEL_EVENTS, 0, 0, "fr-en", "{}")));
      working.schedulePollTask(
          () -> working.addRecord(new ConsumerRecord<>(Topics.MODEL_EVENTS, 0, 1, "de-en", "{}")));
      await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() == before + 1);
      assertThat(made).hasValue(2);
    } finally {
      listener.stop();
    }
    assertThat(listener.isRunning()).isFalse();
  }

  @Test
  void theRegistryIsReadEveryRecheckIntervalEvenWithoutKafka() {
    AtomicInteger reads = new AtomicInteger();
    ModelEventListener listener =
        new ModelEventListener(
            ModelEventListenerTest::failing,
            reads::incrementAndGet,
            LanguagePair.GERMAN_TO_ENGLISH,
            Duration.ofMillis(100));
    listener.start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() >= 3);
    } finally {
      listener.stop();
    }
  }

  private static Consumer<String, String> failing() {
    return new MockConsumer<>(AutoOffsetResetStrategy.LATEST.name()) {
      @Override
      public synchronized Map<String, List<PartitionInfo>> listTopics(Duration timeout) {
        throw new KafkaException("authentication failed: the user does not exist yet");
      }
    };
  }

  private static MockConsumer<String, String> consumer() {
    MockConsumer<String, String> consumer =
        new MockConsumer<>(AutoOffsetResetStrategy.LATEST.name());
    consumer.updatePartitions(
        Topics.MODEL_EVENTS,
        List.of(
            new PartitionInfo(Topics.MODEL_EVENTS, 0, Node.noNode(), new Node[0], new Node[0])));
    consumer.updateEndOffsets(Map.of(PARTITION, 0L));
    return consumer;
  }
}
