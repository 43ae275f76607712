package dev.translation.launcher.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.testfixtures.DatabaseEndpoint;
import dev.translation.testfixtures.SharedFixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The launcher's API as the model tests call it: keys with or without model rights, requests. */
final class LauncherApi {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final DataSource dataSource;

  LauncherApi(int port, DataSource dataSource) {
    this.port = port;
    this.dataSource = dataSource;
  }

  /** A database of the test's own, and the shared Kafka, for the launcher under test. */
  static DatabaseEndpoint servers(DynamicPropertyRegistry registry, String database) {
    DatabaseEndpoint endpoint = SharedFixtures.database().createDatabase(database);
    registry.add("spring.datasource.url", endpoint::jdbcUrl);
    registry.add("spring.datasource.username", endpoint::username);
    registry.add("spring.datasource.password", endpoint::password);
    registry.add("spring.kafka.bootstrap-servers", () -> SharedFixtures.kafka().bootstrapServers());
    return endpoint;
  }

  /** A new API key, with model rights ("ml engineer") or without ("user"). */
  String apiKey(boolean manager) {
    String key = "key-" + UUID.randomUUID();
    JdbcClient.create(dataSource)
        .sql(
            "INSERT INTO api_keys (name, key_hash, max_texts_per_request, max_chars_per_text,"
                + " requests_per_minute, can_manage_models) VALUES (?, SHA2(?, 256), 10, 100, 60,"
                + " ?)")
        .params(manager ? "ml engineer" : "user", key, manager)
        .update();
    return key;
  }

  HttpResponse<String> send(String key, String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + key);
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The body of an answer with this status. */
  static JsonNode json(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }
}
