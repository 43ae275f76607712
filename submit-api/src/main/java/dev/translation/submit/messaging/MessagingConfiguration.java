package dev.translation.submit.messaging;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.ProducerListener;

/** Kafka producer wiring beyond Boot's defaults. */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MessagingConfiguration.class);

  /**
   * Replaces Boot's {@code LoggingProducerListener}, which logs every failed record at ERROR with
   * its payload: during a Kafka outage that is one error per outbox row per retry. {@link
   * OutboxRelay} logs one warning per failed batch instead.
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
