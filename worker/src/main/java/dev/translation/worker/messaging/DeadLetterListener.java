package dev.translation.worker.messaging;

import dev.translation.contracts.LogKeys;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.contracts.WireFormat;
import dev.translation.worker.config.WorkerProperties;
import dev.translation.worker.inference.TranslationMetrics;
import dev.translation.worker.persistence.ResultStore;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the lane's dead-letter topic and makes each dead letter from a worker's own error handling
 * visible on its job: the message's still-PENDING segments become FAILED with the signed reason,
 * and the job is recounted (so it ends PARTIALLY_FAILED or FAILED with exactly those segments
 * marked).
 *
 * <p>Only dead letters that carry a valid {@link DeadLetterSignature} change anything. A payload
 * that is not a readable message names no job; an unsigned or wrongly signed one was not written by
 * a worker. Both are logged and counted, and the partition moves on.
 */
@Component
public class DeadLetterListener {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterListener.class);

  private final ResultStore store;
  private final TranslationMetrics metrics;
  private final WorkerProperties properties;
  private final DeadLetterSignature signature;
  private final JobEventPublisher events;

  public DeadLetterListener(
      ResultStore store,
      TranslationMetrics metrics,
      WorkerProperties properties,
      DeadLetterSignature signature,
      JobEventPublisher events) {
    this.store = store;
    this.events = events;
    this.metrics = metrics;
    this.properties = properties;
    this.signature = signature;
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
    String reason = header(record, DeadLetterSignature.REASON_HEADER);
    TranslationBatchMessage message;
    try {
      message = WireFormat.readTranslationBatch(record.value());
    } catch (RuntimeException unreadable) {
      metrics.unparseableDeadLetter();
      log.error(
          "Dead letter {}-{}@{} is not a readable message and names no job: {}; it failed with: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          unreadable.getMessage(),
          reason);
      return;
    }
    byte[] signed = bytes(record, DeadLetterSignature.SIGNATURE_HEADER);
    if (!signature.verify(message, reason, signed)) {
      metrics.rejectedDeadLetter();
      log.warn(
          "Ignoring dead letter {}-{}@{}: it is not signed by a worker of this lane, so it may not"
              + " mark segments failed",
          record.topic(),
          record.partition(),
          record.offset());
      return;
    }
    try (MDC.MDCCloseable ignored = MDC.putCloseable(LogKeys.JOB_ID, message.jobId())) {
      ResultStore.Written written =
          store.failPending(message.jobId(), message.indexes(), "Dead-lettered: " + reason);
      events.finished(written.finished());
      log.warn(
          "Marked {} of {} segments failed after dead-lettering: {}",
          written.failed(),
          message.segments().size(),
          reason);
    }
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    byte[] value = bytes(record, name);
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : header.value();
  }
}
