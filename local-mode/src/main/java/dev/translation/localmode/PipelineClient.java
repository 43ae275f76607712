package dev.translation.localmode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client of the submit API, as a user's program would talk to it. */
public final class PipelineClient {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String apiKey;

  public PipelineClient(URI base, String apiKey) {
    this.base = base;
    this.apiKey = apiKey;
  }

  /**
   * An answer of the API.
   *
   * @param location the {@code Location} header (a 202 names the job there), or null
   */
  public record Reply(int status, JsonNode body, String location) {}

  public Reply submit(List<String> texts, String query) throws IOException, InterruptedException {
    String body = JSON.writeValueAsString(Map.of("texts", texts, "source", "de", "target", "en"));
    return send(
        HttpRequest.newBuilder(base.resolve("/v1/translations" + query))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Reply job(String id) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve("/v1/jobs/" + id)).GET());
  }

  public Reply result(String id) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve("/v1/jobs/" + id + "/result")).GET());
  }

  /** GET of a path or address the API handed out, such as a 202's {@code Location}. */
  public Reply get(String location) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(location)).GET());
  }

  private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            request
                .header("Authorization", "Bearer " + apiKey)
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode body = response.body().isBlank() ? null : JSON.readTree(response.body());
    return new Reply(
        response.statusCode(), body, response.headers().firstValue("Location").orElse(null));
  }
}
