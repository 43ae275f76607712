package dev.translation.submit.messaging;

import dev.translation.contracts.Topics;
import dev.translation.outbox.OutboxRelay;
import dev.translation.outbox.OutboxRepository;
import dev.translation.submit.config.ApiProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The outbox in this app: submits write their messages through {@link OutboxRepository}, and,
 * unless {@code translation.api.relay.enabled=false}, this replica runs an {@link OutboxRelay}
 * configured by {@code translation.api.relay}.
 */
@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {

  @Bean
  OutboxRepository outboxRepository(JdbcTemplate jdbc) {
    return new OutboxRepository(jdbc);
  }

  /** The relay, where this replica runs one (several may: rows are claimed with SKIP LOCKED). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBooleanProperty(name = "translation.api.relay.enabled", matchIfMissing = true)
  static class RelayConfiguration {

    /**
     * Closed when the context's beans are destroyed, which is after the web server has finished its
     * requests in a graceful shutdown: a submit accepted during the shutdown is still relayed.
     */
    @Bean(destroyMethod = "close")
    OutboxRelay outboxRelay(
        OutboxRepository outbox,
        KafkaTemplate<String, String> kafka,
        PlatformTransactionManager transactionManager,
        ApiProperties properties,
        Clock clock,
        MeterRegistry meters) {
      // The request topics: the only ones this app may write to (Kafka ACLs in a cluster).
      return new OutboxRelay(
          outbox,
          Set.of(Topics.TRANSLATE_INTERACTIVE, Topics.TRANSLATE_BATCH),
          kafka,
          OutboxRelay.readCommitted(transactionManager),
          settings(properties.relay()),
          clock,
          meters);
    }

    @Bean
    RelayTriggers outboxRelayTriggers(OutboxRelay relay) {
      return new RelayTriggers(relay);
    }

    static OutboxRelay.Settings settings(ApiProperties.Relay relay) {
      return new OutboxRelay.Settings(
          relay.interval(),
          relay.batchSize(),
          relay.sendTimeout(),
          relay.initialBackoff(),
          relay.maxBackoff(),
          relay.retention(),
          relay.purgeInterval(),
          relay.purgeBatchSize(),
          relay.shutdownGrace());
    }
  }

  /**
   * Runs the relay: periodically once the application has started, and at once after each submit
   * has committed its messages, so a single sentence does not wait for the next period.
   */
  static class RelayTriggers {

    private final OutboxRelay relay;

    RelayTriggers(OutboxRelay relay) {
      this.relay = relay;
    }

    @EventListener(ApplicationStartedEvent.class)
    void startPeriodicRuns() {
      relay.start();
    }

    @EventListener
    void onOutboxMessagesCommitted(OutboxMessagesCommitted committed) {
      relay.wakeUp();
    }
  }
}
