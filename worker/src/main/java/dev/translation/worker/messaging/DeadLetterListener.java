package dev.translation.worker.messaging;

import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.worker.config.WorkerProperties;
import dev.translation.worker.inference.MicroBatchTranslator;
import dev.translation.worker.inference.TranslationMetrics;
import dev.translation.worker.persistence.ResultStore;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Reads the lane's dead-letter topic and makes each dead letter visible on its job: the message's
 * still-PENDING segments become FAILED with the reason from the dead-letter headers, and the job is
 * recounted (so it ends PARTIALLY_FAILED or FAILED with exactly those segments marked). A payload
 * that is not a readable message names no job; it is logged and counted.
 */
@Component
public class DeadLetterListener {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterListener.class);

  private final ResultStore store;
  private final TranslationMetrics metrics;
  private final WorkerProperties properties;

  public DeadLetterListener(
      ResultStore store, TranslationMetrics metrics, WorkerProperties properties) {
    this.store = store;
    this.metrics = metrics;
    this.properties = properties;
  }

  public String getTopic() {
    return properties.lane().deadLetterTopic();
  }

  public String getGroupId() {
    return properties.deadLetterConsumerGroup();
  }

  @KafkaListener(
      id = "translation-worker-dlt",
      topics = "#{__listener.topic}",
      groupId = "#{__listener.groupId}",
      containerFactory = "deadLetterListenerContainerFactory")
  public void onDeadLetter(ConsumerRecord<String, byte[]> record) {
    String reason = reason(record);
    TranslationBatchMessage message;
    try {
      message = TranslationBatchMessageJson.read(record.value());
    } catch (RuntimeException unreadable) {
      metrics.unparseableDeadLetter();
      log.error(
          "Dead letter {}-{}@{} (key {}) is not a readable message and names no job: {}; it failed"
              + " with: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          record.key(),
          unreadable.getMessage(),
          reason);
      return;
    }
    try (MDC.MDCCloseable ignored =
        MDC.putCloseable(MicroBatchTranslator.MDC_JOB_ID, message.jobId())) {
      int failed =
          store.failPending(
              message.jobId(),
              message.segments().stream().map(TranslationBatchMessage.Segment::index).toList(),
              "Dead-lettered: " + reason);
      log.warn(
          "Marked {} of {} segments failed after dead-lettering: {}",
          failed,
          message.segments().size(),
          reason);
    }
  }

  private static String reason(ConsumerRecord<?, ?> record) {
    Header header = record.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
    if (header == null || header.value() == null) {
      return "processing failed (no reason recorded)";
    }
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
