package dev.translation.launcher.config;

import dev.translation.contracts.Topics;
import dev.translation.outbox.OutboxRelay;
import dev.translation.outbox.OutboxRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The outbox relay of both roles. A runner's shard messages are sent by the process that wrote them
 * (woken after each publish chunk commits), so a batch never waits for another application's relay;
 * the launcher service sends the model rollout events it writes. A relay sends its app's topics
 * only; two relaying side by side never send a row at the same time.
 */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

  @Bean
  OutboxRepository outboxRepository(JdbcTemplate jdbc) {
    return new OutboxRepository(jdbc);
  }

  @Bean(destroyMethod = "close")
  OutboxRelay outboxRelay(
      OutboxRepository outbox,
      KafkaTemplate<String, String> kafka,
      PlatformTransactionManager transactionManager,
      LauncherProperties properties,
      Clock clock,
      MeterRegistry meters) {
    OutboxRelay relay =
        // Corpus segments and rollout events: the only topics the launcher may write to.
        new OutboxRelay(
            outbox,
            Set.of(Topics.TRANSLATE_BATCH, Topics.MODEL_EVENTS),
            kafka,
            OutboxRelay.readCommitted(transactionManager),
            properties.relay(),
            clock,
            meters);
    relay.start();
    return relay;
  }
}
