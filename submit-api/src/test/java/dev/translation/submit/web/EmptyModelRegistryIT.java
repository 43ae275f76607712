package dev.translation.submit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.submit.TestClient;
import dev.translation.submit.TestClient.Response;
import dev.translation.submit.TestDatabase;
import dev.translation.submit.security.ApiKeyService;
import dev.translation.testfixtures.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A fresh install, before the job launcher registered the starter model: a database of its own,
 * whose model registry no test writes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class EmptyModelRegistryIT {

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry, "submit_api_empty_registry");
    registry.add("spring.kafka.bootstrap-servers", () -> SharedFixtures.kafka().bootstrapServers());
  }

  @LocalServerPort int port;
  @Autowired ApiKeyService apiKeys;
  @Autowired JdbcClient jdbc;

  @Test
  void anEmptyRegistryIsAnEmptyListNotAnError() {
    assertThat(jdbc.sql("SELECT COUNT(*) FROM model_rollouts").query(Long.class).single()).isZero();
    TestClient client = new TestClient(port, apiKeys.create("empty-registry").secret());

    Response response = client.get("/v1/models");

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().path("languagePairs").isArray()).isTrue();
    assertThat(response.json().path("languagePairs")).isEmpty();
  }
}
