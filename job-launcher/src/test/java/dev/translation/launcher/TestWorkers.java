package dev.translation.launcher;

import dev.translation.contracts.Topics;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.contracts.WireFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plays the batch lane's workers in tests: reads {@code translate.batch} and writes each message's
 * results as a worker does (lock the job, write the segments, recount, in one transaction),
 * counting how often each segment was asked for.
 */
public final class TestWorkers implements AutoCloseable {

  private final String bootstrapServers;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final String prefix;
  private final AtomicBoolean working = new AtomicBoolean(true);
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final Map<String, Map<Integer, Integer>> requested = new ConcurrentHashMap<>();

  /**
   * Starts translating, from the start of the topic: a segment's translation is {@code prefix}
   * followed by its source.
   */
  public TestWorkers(String bootstrapServers, DataSource dataSource, String prefix) {
    this.bootstrapServers = bootstrapServers;
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    this.prefix = prefix;
    thread.submit(this::work);
  }

  /** How often each segment of a job was asked for, by index. */
  public Map<Integer, Integer> requested(String jobId) {
    return requested.getOrDefault(jobId, Map.of());
  }

  private Void work() {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-workers-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.TRANSLATE_BATCH));
      while (working.get()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          TranslationBatchMessage message = WireFormat.readTranslationBatch(record.value());
          message
              .indexes()
              .forEach(
                  index ->
                      requested
                          .computeIfAbsent(message.jobId(), job -> new ConcurrentHashMap<>())
                          .merge(index, 1, Integer::sum));
          translate(message.jobId(), message.indexes());
        }
      }
    }
    return null;
  }

  /** One message's segments in one transaction: lock the job, write, recount, as a worker does. */
  private void translate(String jobId, List<Integer> indexes) {
    transactions.executeWithoutResult(
        status -> {
          if (jdbc.sql("SELECT status FROM jobs WHERE id = ? FOR UPDATE")
              .params(jobId)
              .query(String.class)
              .optional()
              .isEmpty()) {
            return;
          }
          jdbc.sql(
                  "UPDATE segments SET status = 'DONE', translation = CONCAT(:prefix,"
                      + " source_text), model_version = 'test:1', attempts = attempts + 1 WHERE"
                      + " job_id = :job AND idx IN (:indexes) AND status = 'PENDING'")
              .param("prefix", prefix)
              .param("job", jobId)
              .param("indexes", indexes)
              .update();
          jdbc.sql(
                  "UPDATE jobs j SET done_segments = (SELECT COUNT(*) FROM segments s WHERE"
                      + " s.job_id = j.id AND s.status = 'DONE'), status = CASE WHEN status ="
                      + " 'CANCELLED' THEN status WHEN total_segments = (SELECT COUNT(*) FROM"
                      + " segments s WHERE s.job_id = j.id AND s.status = 'DONE') THEN 'SUCCEEDED'"
                      + " ELSE 'RUNNING' END, finished_at = CASE WHEN total_segments = (SELECT"
                      + " COUNT(*) FROM segments s WHERE s.job_id = j.id AND s.status = 'DONE')"
                      + " THEN UTC_TIMESTAMP(6) END WHERE id = :job")
              .param("job", jobId)
              .update();
        });
  }

  @Override
  public void close() {
    working.set(false);
    thread.shutdownNow();
  }
}
