package dev.translation.submit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the API under test, so tests see exactly what a client sees. */
public final class TestClient {

  public static final JsonMapper JSON = JsonMapper.builder().build();

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final String key;
  private final Map<String, String> headers;

  public TestClient(int port, String key) {
    this("http://localhost:" + port, key, Map.of());
  }

  private TestClient(String base, String key, Map<String, String> headers) {
    this.base = base;
    this.key = key;
    this.headers = headers;
  }

  /** A copy that sends one more header. */
  public TestClient withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new TestClient(base, key, more);
  }

  public static String submitBody(List<String> texts) {
    return JSON.writeValueAsString(Map.of("texts", texts, "source", "de", "target", "en"));
  }

  public Response submit(List<String> texts) {
    return post("/v1/translations", submitBody(texts));
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  public Response post(String path, String body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public CompletableFuture<Response> postAsync(String path, String body) {
    return HTTP.sendAsync(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .thenApply(Response::new);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (key != null) {
      builder.header("Authorization", "Bearer " + key);
    }
    headers.forEach(builder::header);
    return builder;
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      return new Response(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response with its body parsed lazily as JSON. */
  public record Response(int status, java.net.http.HttpHeaders headers, String body) {
    Response(HttpResponse<String> response) {
      this(response.statusCode(), response.headers(), response.body());
    }

    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    public String contentType() {
      return header("Content-Type");
    }

    /** The problem detail's {@code detail}. */
    public String detail() {
      return json().path("detail").asString();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
