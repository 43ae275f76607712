package dev.translation.submit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.translation.contracts.Topics;
import dev.translation.submit.TestClient;
import dev.translation.submit.TestClient.Response;
import dev.translation.submit.TestDatabase;
import dev.translation.submit.TopicReader;
import dev.translation.submit.security.ApiKeyService;
import dev.translation.testfixtures.SharedFixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A submit reaches Kafka right after it commits, not at the relay's next periodic run: the period
 * here is an hour, so only the wake-up can have sent the message. Uses a database of its own, so no
 * other test context's relay publishes these rows.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"translation.api.relay.interval=1h"})
@DirtiesContext
class OutboxWakeUpIT {

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry, "submit_api_wakeup");
    registry.add("spring.kafka.bootstrap-servers", () -> SharedFixtures.kafka().bootstrapServers());
  }

  @LocalServerPort int port;
  @Autowired ApiKeyService apiKeys;

  @Test
  void aCommittedSubmitIsPublishedWithoutWaitingForThePeriodicRun() {
    TestClient client = new TestClient(port, apiKeys.create("wake-up").secret());
    try (TopicReader reader =
        new TopicReader(SharedFixtures.kafka().bootstrapServers(), Topics.TRANSLATE_INTERACTIVE)) {
      for (int i = 0; i < 3; i++) {
        Response response = client.submit(List.of("Guten Morgen " + i));
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        String jobId = response.json().path("id").asString();
        await()
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(
                () -> {
                  reader.poll();
                  assertThat(reader.messagesOf(jobId)).as("messages of job %s", jobId).hasSize(1);
                });
      }
    }
  }
}
