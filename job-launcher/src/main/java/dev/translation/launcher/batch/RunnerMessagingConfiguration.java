package dev.translation.launcher.batch;

import dev.translation.launcher.config.LauncherProperties;
import dev.translation.outbox.OutboxRelay;
import dev.translation.outbox.OutboxRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The runner's own outbox relay: a shard's messages are sent by the process that wrote them (woken
 * after each publish chunk commits), so a batch never waits for another application's relay. Any
 * relay may send any row; two relaying side by side never send a row at the same time.
 */
@Configuration(proxyBeanMethods = false)
@Profile(BatchRunner.PROFILE)
class RunnerMessagingConfiguration {

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
        new OutboxRelay(
            outbox,
            kafka,
            OutboxRelay.readCommitted(transactionManager),
            properties.relay(),
            clock,
            meters);
    relay.start();
    return relay;
  }
}
