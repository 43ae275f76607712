package dev.translation.worker.messaging;

import dev.translation.contracts.Lane;
import dev.translation.contracts.Topics;
import dev.translation.contracts.TranslationBatchMessage;
import dev.translation.contracts.WireFormat;
import dev.translation.engine.InvalidInputException;
import dev.translation.topics.PipelineTopics;
import dev.translation.worker.config.WorkerProperties;
import dev.translation.worker.inference.TranslationMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * Kafka wiring: the lane's batch listener container (retry with backoff, then the lane's
 * dead-letter topic; poison and unsupported records go there at once), the dead-letter listener's
 * container, and the pipeline's topics.
 *
 * <p>Shutdown: on SIGTERM the containers stop polling, the listener finishes the micro-batch in
 * progress, commits what it stored and hands the rest of the poll back uncommitted (see {@link
 * TranslationBatchListener}), and the consumer is closed, which sends LeaveGroup so the partitions
 * move to the remaining workers at once instead of after the session timeout. {@code
 * translation.worker.consumer.shutdown-timeout} bounds the wait for that micro-batch and must stay
 * below {@code spring.lifecycle.timeout-per-shutdown-phase} (and that below the pod's {@code
 * terminationGracePeriodSeconds}). Work not finished by then is not lost: its offsets were not
 * committed, so the next owner of the partition redelivers it.
 */
@Configuration(proxyBeanMethods = false)
class KafkaMessagingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(KafkaMessagingConfiguration.class);

  @Bean
  DefaultKafkaConsumerFactory<String, TranslationBatchMessage> translationConsumerFactory(
      KafkaProperties kafka,
      ObjectProvider<DefaultKafkaConsumerFactoryCustomizer> customizers,
      WorkerProperties properties) {
    Map<String, Object> config = kafka.buildConsumerProperties();
    if (properties.lane() == Lane.BATCH) {
      // Throughput lane: a fetch waits for a backlog's worth of records, so engine calls come
      // full (less padding per sentence); nobody waits on a single batch-lane record.
      WorkerProperties.ConsumerSettings consumer = properties.consumer();
      config.put(
          ConsumerConfig.FETCH_MIN_BYTES_CONFIG, (int) consumer.batchLaneFetchMinSize().toBytes());
      config.put(
          ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
          (int) consumer.batchLaneFetchMaxWait().toMillis());
    }
    // A record that is not a valid message becomes a null value plus a header, instead of an
    // exception in poll() that would stop the partition.
    DefaultKafkaConsumerFactory<String, TranslationBatchMessage> factory =
        new DefaultKafkaConsumerFactory<>(
            config,
            new StringDeserializer(),
            new ErrorHandlingDeserializer<TranslationBatchMessage>(
                (topic, bytes) -> WireFormat.readTranslationBatch(bytes)));
    // Boot's customizers bind the consumer's own metrics (records-lag etc.) to Micrometer.
    customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
    return factory;
  }

  @Bean
  KafkaTemplate<String, Object> deadLetterTemplate(
      KafkaProperties kafka, ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers) {
    // A dead letter is either the original bytes (poison record) or a message that deserialised.
    Serializer<Object> values =
        new DelegatingByTypeSerializer(
            Map.of(
                byte[].class,
                new ByteArraySerializer(),
                TranslationBatchMessage.class,
                (Serializer<TranslationBatchMessage>)
                    (topic, message) ->
                        WireFormat.write(message).getBytes(StandardCharsets.UTF_8)));
    DefaultKafkaProducerFactory<String, Object> factory =
        new DefaultKafkaProducerFactory<>(
            kafka.buildProducerProperties(), new StringSerializer(), values);
    customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
    return new KafkaTemplate<>(factory);
  }

  @Bean
  JobEventPublisher jobEventPublisher(
      KafkaProperties kafka,
      ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers,
      Clock clock) {
    Map<String, Object> config = kafka.buildProducerProperties();
    // A wake-up call for waiting clients: sent at once, and one broker's acknowledgement is enough
    // (the database, not the event, holds the result).
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.ACKS_CONFIG, "1");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    DefaultKafkaProducerFactory<String, String> factory =
        new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new StringSerializer());
    customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
    return new JobEventPublisher(new KafkaTemplate<>(factory), clock);
  }

  @Bean
  DeadLetterSignature deadLetterSignature(WorkerProperties properties) {
    return new DeadLetterSignature(properties.deadLetters().signingKey());
  }

  @Bean
  DefaultErrorHandler translationErrorHandler(
      KafkaTemplate<String, Object> deadLetterTemplate,
      WorkerProperties properties,
      TranslationMetrics metrics,
      DeadLetterSignature signature) {
    // <topic>.DLT (Topics' names), same partition: each lane's dead-letter topic has as many
    // partitions as the lane. Named explicitly because spring-kafka 4's default suffix is "-dlt".
    DeadLetterPublishingRecoverer deadLetters =
        new DeadLetterPublishingRecoverer(
            deadLetterTemplate,
            (record, exception) ->
                new TopicPartition(Topics.deadLetterTopicOf(record.topic()), record.partition()));
    // Signed, so that the dead-letter listener can tell this handler's dead letters from records
    // written to the topic by anyone else.
    deadLetters.setHeadersFunction(
        (record, exception) -> signedReason(record.value(), exception, signature));
    ConsumerAwareRecordRecoverer countingRecoverer =
        (record, consumer, exception) -> {
          // The headers then name the real failure, not the container's wrappers around it.
          Exception failure = unwrap(exception);
          deadLetters.accept(record, consumer, failure);
          metrics.deadLettered(failure);
          log.warn(
              "Dead-lettered {}-{}@{} (key {}): {}",
              record.topic(),
              record.partition(),
              record.offset(),
              record.key(),
              failure.getMessage());
        };
    DefaultErrorHandler handler =
        new DefaultErrorHandler(countingRecoverer, backOff(properties.retry()));
    // After a failure mid-poll the handler re-seeks the rest of the poll by throwing; that is
    // routine, not an error worth paging anyone for.
    handler.setLogLevel(KafkaException.Level.WARN);
    // DeserializationException is not retryable by default already.
    handler.addNotRetryableExceptions(
        UnsupportedMessageException.class, InvalidInputException.class);
    return handler;
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, TranslationBatchMessage>
      translationListenerContainerFactory(
          DefaultKafkaConsumerFactory<String, TranslationBatchMessage> translationConsumerFactory,
          DefaultErrorHandler translationErrorHandler,
          WorkerProperties properties) {
    ConcurrentKafkaListenerContainerFactory<String, TranslationBatchMessage> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(translationConsumerFactory);
    factory.setBatchListener(true);
    factory.setConcurrency(properties.consumerThreads());
    factory.setCommonErrorHandler(translationErrorHandler);
    // The listener acknowledges: all of a poll, or on shutdown only the records it stored.
    factory.getContainerProperties().setAckMode(AckMode.MANUAL_IMMEDIATE);
    factory
        .getContainerProperties()
        .setShutdownTimeout(properties.consumer().shutdownTimeout().toMillis());
    return factory;
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, byte[]> deadLetterListenerContainerFactory(
      KafkaProperties kafka,
      ObjectProvider<DefaultKafkaConsumerFactoryCustomizer> customizers,
      WorkerProperties properties,
      TranslationMetrics metrics) {
    // Raw bytes: a dead letter may be exactly the bytes that could not be read the first time.
    DefaultKafkaConsumerFactory<String, byte[]> consumers =
        new DefaultKafkaConsumerFactory<>(
            kafka.buildConsumerProperties(), new StringDeserializer(), new ByteArrayDeserializer());
    customizers.orderedStream().forEach(customizer -> customizer.customize(consumers));
    ConcurrentKafkaListenerContainerFactory<String, byte[]> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(consumers);
    factory.getContainerProperties().setAckMode(AckMode.RECORD);
    factory
        .getContainerProperties()
        .setShutdownTimeout(properties.consumer().shutdownTimeout().toMillis());
    // Only database faults fail here. Retries are bounded, so one record can never hold up the
    // dead letters behind it on its partition; a mark that could not be made is logged and counted.
    DefaultErrorHandler handler =
        new DefaultErrorHandler(
            (record, exception) -> {
              metrics.unrecordedDeadLetter();
              log.error(
                  "Could not record dead letter {}-{}@{} on its job, giving up after {} retries: {}",
                  record.topic(),
                  record.partition(),
                  record.offset(),
                  properties.retry().maxRetries(),
                  unwrap(exception).toString());
            },
            backOff(properties.retry()));
    factory.setCommonErrorHandler(handler);
    return factory;
  }

  @Bean
  @ConditionalOnProperty(
      name = "translation.worker.topics.create",
      havingValue = "true",
      matchIfMissing = true)
  KafkaAdmin.NewTopics pipelineTopics(WorkerProperties properties) {
    return new KafkaAdmin.NewTopics(
        PipelineTopics.newTopics(Topics.ALL, properties.topics().replicationFactor())
            .toArray(NewTopic[]::new));
  }

  private static ExponentialBackOffWithMaxRetries backOff(WorkerProperties.Retry retry) {
    ExponentialBackOffWithMaxRetries backOff =
        new ExponentialBackOffWithMaxRetries(retry.maxRetries());
    backOff.setInitialInterval(retry.initialInterval().toMillis());
    backOff.setMultiplier(retry.multiplier());
    backOff.setMaxInterval(retry.maxInterval().toMillis());
    return backOff;
  }

  /**
   * The reason a record failed, and for a readable message the signature over it; a poison record
   * gets the reason only (it names no job, so it can never mark segments failed).
   */
  static Headers signedReason(Object value, Exception exception, DeadLetterSignature signature) {
    String reason = String.valueOf(unwrap(exception).getMessage());
    Headers headers = new RecordHeaders();
    headers.add(DeadLetterSignature.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
    if (value instanceof TranslationBatchMessage message) {
      headers.add(DeadLetterSignature.SIGNATURE_HEADER, signature.sign(message, reason));
    }
    return headers;
  }

  /** The failure inside the listener container's and batch listener's wrappers. */
  static Exception unwrap(Exception exception) {
    Exception failure = exception;
    while ((failure instanceof ListenerExecutionFailedException
            || failure instanceof BatchListenerFailedException)
        && failure.getCause() instanceof Exception cause) {
      failure = cause;
    }
    return failure;
  }
}
