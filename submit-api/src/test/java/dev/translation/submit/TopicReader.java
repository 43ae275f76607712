package dev.translation.submit;

import dev.translation.contracts.TranslationBatchMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/** Reads a topic from the beginning, accumulating records across polls. */
public final class TopicReader implements AutoCloseable {

  private final KafkaConsumer<String, String> consumer;
  private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

  public TopicReader(String bootstrapServers, String topic) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "submit-api-test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new StringDeserializer());
    // Right after a topic is created its metadata may not list partitions yet.
    List<TopicPartition> partitions =
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList(),
                found -> !found.isEmpty());
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Polls once more and returns everything read so far. */
  public List<ConsumerRecord<String, String>> poll() {
    consumer.poll(Duration.ofMillis(300)).forEach(records::add);
    return records;
  }

  /** The messages of one job read so far, decoded. */
  public List<TranslationBatchMessage> messagesOf(String jobId) {
    return poll().stream()
        .map(r -> TestClient.JSON.readValue(r.value(), TranslationBatchMessage.class))
        .filter(message -> jobId.equals(message.jobId()))
        .toList();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
