package dev.translation.worker.messaging;

import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.worker.config.WorkerProperties;
import dev.translation.worker.inference.TranslateSegments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Consumes the lane's topic in batches (one poll at a time) and hands the messages to the {@link
 * TranslateSegments} in micro-batches of at most {@code translation.worker.batching.max-segments}
 * segments, then acknowledges the poll (AckMode MANUAL_IMMEDIATE: the offsets are committed before
 * the next poll).
 *
 * <p>When the application is shutting down, the listener stops after the micro-batch in progress:
 * it commits the records already stored and hands the rest of the poll back uncommitted, so a
 * stopping worker holds up its exit by one model batch at most and the partition's next owner picks
 * up exactly where it stopped.
 *
 * <p>A failure is reported as a {@link BatchListenerFailedException} naming the first record not
 * stored, so the error handler commits everything before it and retries (or dead-letters) from
 * there: a poison record or an unsupported message at index {@code i} is reported after the records
 * before it are stored; a failed micro-batch names its first record.
 */
@Component
public class TranslationBatchListener {

  private static final Logger log = LoggerFactory.getLogger(TranslationBatchListener.class);

  private static final LogAccessor KAFKA_LOG =
      new LogAccessor(LogFactory.getLog(TranslationBatchListener.class));

  private final TranslateSegments translation;
  private final JobEventPublisher events;
  private final WorkerProperties properties;
  private final int maxSegments;
  private final AtomicBoolean shuttingDown = new AtomicBoolean();

  public TranslationBatchListener(
      TranslateSegments translation, WorkerProperties properties, JobEventPublisher events) {
    this.translation = translation;
    this.events = events;
    this.properties = properties;
    this.maxSegments = properties.maxSegmentsPerCall();
  }

  /** The lane's topic (read by the {@code @KafkaListener} expression). */
  public String getTopic() {
    return properties.lane().topic();
  }

  /** The lane's consumer group (read by the {@code @KafkaListener} expression). */
  public String getGroupId() {
    return properties.consumerGroup();
  }

  /** The application is closing: finish the micro-batch in progress, hand back the rest. */
  @EventListener(ContextClosedEvent.class)
  public void onShutdown() {
    shuttingDown.set(true);
  }

  @KafkaListener(
      id = "translation-worker",
      topics = "#{__listener.topic}",
      groupId = "#{__listener.groupId}",
      containerFactory = "translationListenerContainerFactory")
  public void onBatch(
      List<ConsumerRecord<String, TranslationBatchMessage>> records,
      Acknowledgment acknowledgment) {
    List<TranslationBatchMessage> chunk = new ArrayList<>();
    int chunkStart = 0;
    int chunkSegments = 0;
    for (int i = 0; i < records.size(); i++) {
      ConsumerRecord<String, TranslationBatchMessage> record = records.get(i);
      TranslationBatchMessage message;
      try {
        message = accept(record);
      } catch (RuntimeException unusable) {
        store(chunk, chunkStart, records);
        throw new BatchListenerFailedException(
            "Record "
                + record.topic()
                + "-"
                + record.partition()
                + "@"
                + record.offset()
                + " cannot be processed: "
                + unusable.getMessage(),
            unusable,
            i);
      }
      if (!chunk.isEmpty() && chunkSegments + message.segments().size() > maxSegments) {
        store(chunk, chunkStart, records);
        if (shuttingDown.get()) {
          log.info(
              "Shutting down: committing the {} records stored, handing back {} of this poll",
              i,
              records.size() - i);
          acknowledgment.nack(i, Duration.ZERO);
          return;
        }
        chunk.clear();
        chunkStart = i;
        chunkSegments = 0;
      }
      chunk.add(message);
      chunkSegments += message.segments().size();
    }
    store(chunk, chunkStart, records);
    acknowledgment.acknowledge();
  }

  /** The record's message, or why this worker can never process it. */
  private TranslationBatchMessage accept(ConsumerRecord<String, TranslationBatchMessage> record) {
    TranslationBatchMessage message = record.value();
    if (message == null) {
      DeserializationException poison =
          SerializationUtils.getExceptionFromHeader(
              record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, KAFKA_LOG);
      if (poison != null) {
        throw poison;
      }
      throw new UnsupportedMessageException("record has no value");
    }
    if (message.schemaVersion() > TranslationBatchMessage.SCHEMA_VERSION) {
      throw new UnsupportedMessageException(
          "schema version "
              + message.schemaVersion()
              + " is newer than this worker understands ("
              + TranslationBatchMessage.SCHEMA_VERSION
              + ")");
    }
    return message;
  }

  private void store(
      List<TranslationBatchMessage> chunk,
      int chunkStart,
      List<ConsumerRecord<String, TranslationBatchMessage>> records) {
    if (chunk.isEmpty()) {
      return;
    }
    try {
      events.finished(translation.translate(chunk));
    } catch (RuntimeException failed) {
      ConsumerRecord<?, ?> first = records.get(chunkStart);
      throw new BatchListenerFailedException(
          "Micro-batch of "
              + chunk.size()
              + " messages starting at "
              + first.topic()
              + "-"
              + first.partition()
              + "@"
              + first.offset()
              + " failed: "
              + failed.getMessage(),
          failed,
          chunkStart);
    }
  }
}
