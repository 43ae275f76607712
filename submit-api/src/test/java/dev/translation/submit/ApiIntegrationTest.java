package dev.translation.submit;

import dev.translation.submit.persistence.ApiKeyRepository;
import dev.translation.submit.security.ApiKeyService;
import dev.translation.submit.security.IssuedApiKey;
import dev.translation.testfixtures.PipelineRows;
import dev.translation.testfixtures.SharedFixtures;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests that share one application context on the shared Kafka and MariaDB
 * (SharedFixtures): one context start for all of them. Tests never assume empty tables; each
 * creates its own API keys.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "translation.api.relay.interval=50ms",
      "translation.api.cors.allowed-origins=" + ApiIntegrationTest.ALLOWED_ORIGIN
    })
public abstract class ApiIntegrationTest {

  /** The one browser origin the tests' API allows. */
  protected static final String ALLOWED_ORIGIN = "https://app.example.com";

  @DynamicPropertySource
  static void sharedInfrastructure(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry, "submit_api_it");
    registry.add("spring.kafka.bootstrap-servers", () -> SharedFixtures.kafka().bootstrapServers());
  }

  @LocalServerPort protected int port;
  @Autowired protected ApiKeyService apiKeys;
  @Autowired protected ApiKeyRepository apiKeyRepository;
  @Autowired protected JdbcClient jdbc;
  @Autowired private DataSource dataSource;

  /** A client with a fresh API key of its own. */
  protected TestClient newClient() {
    return client(newKey());
  }

  protected IssuedApiKey newKey() {
    return apiKeys.create("it-" + UUID.randomUUID());
  }

  protected TestClient client(IssuedApiKey key) {
    return new TestClient(port, key.secret());
  }

  protected TestClient anonymousClient() {
    return new TestClient(port, null);
  }

  /** For requests an HTTP client would refuse or normalise. */
  protected RawHttp raw() {
    return new RawHttp(port);
  }

  /** Jobs stored for this key, to show that a refused request created none. */
  protected long jobsOf(IssuedApiKey key) {
    return jdbc.sql("SELECT COUNT(*) FROM jobs WHERE api_key_id = ?")
        .params(key.id())
        .query(Long.class)
        .single();
  }

  protected static List<String> texts(int count) {
    return IntStream.range(0, count).mapToObj(i -> "Satz Nummer " + i + ".").toList();
  }

  /** Plays the worker: one segment translated, the job's counters and status recounted. */
  protected void translateSegment(String jobId, int index, String translation, String model) {
    new PipelineRows(dataSource).translateSegment(jobId, index, translation, model);
  }

  /** Plays the worker: one segment failed for good, the job's counters and status recounted. */
  protected void failSegment(String jobId, int index, String error) {
    new PipelineRows(dataSource).failSegment(jobId, index, error);
  }

  protected String segmentStatus(String jobId, int index) {
    return jdbc.sql("SELECT status FROM segments WHERE job_id = ? AND idx = ?")
        .params(jobId, index)
        .query(String.class)
        .single();
  }
}
