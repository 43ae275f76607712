package dev.translation.submit.messaging;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.ProducerListener;

/** Kafka wiring beyond Boot's defaults. */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MessagingConfiguration.class);

  /**
   * The job-event consumer: plain strings, from the latest offset (a replica cares only about jobs
   * its requests wait on now), answered as soon as an event is there.
   */
  @Bean
  ConcurrentKafkaListenerContainerFactory<String, String> jobEventListenerContainerFactory(
      KafkaProperties kafka) {
    Map<String, Object> config = kafka.buildConsumerProperties();
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true);
    config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
    ConcurrentKafkaListenerContainerFactory<String, String> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(
        new DefaultKafkaConsumerFactory<>(
            config, new StringDeserializer(), new StringDeserializer()));
    return factory;
  }

  /**
   * Replaces Boot's {@code LoggingProducerListener}, which logs every failed record at ERROR with
   * its payload: during a Kafka outage that is one error per outbox row per retry. {@link
   * dev.translation.outbox.OutboxRelay} logs one warning per failed batch instead.
   */
  @Bean
  ProducerListener<Object, Object> quietProducerListener() {
    return new ProducerListener<>() {
      @Override
      public void onError(
          ProducerRecord<Object, Object> record, RecordMetadata metadata, Exception exception) {
        log.debug("send to {} failed: {}", record.topic(), exception.toString());
      }
    };
  }
}
