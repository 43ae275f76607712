package dev.translation.cli.launcher.api;

import static dev.translation.cli.api.ApiClient.REQUEST_TIMEOUT;

import dev.translation.cli.api.ApiClient;
import dev.translation.cli.api.ApiRejectedException;
import dev.translation.cli.api.ApiUnavailableException;
import dev.translation.cli.api.Pause;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The job launcher's {@code /v1/batches} calls. Every call sends the API key, returns the answer as
 * a record, and throws {@link ApiRejectedException} for a 4xx and {@link ApiUnavailableException}
 * when the launcher cannot be reached or fails with a 5xx; a {@code 429} or {@code 503} with {@code
 * Retry-After} is retried after that pause (the launch was not accepted then, so it is not made
 * twice).
 */
public final class LauncherApi {

  private final ApiClient client;

  /**
   * @param base the launcher's address, e.g. {@code http://localhost:8090}
   * @param apiKey sent as {@code Authorization: Bearer}
   * @param pause how to wait before a retry
   * @param notices told when a request is retried and why
   */
  public LauncherApi(URI base, String apiKey, Pause pause, Consumer<String> notices) {
    this.client = new ApiClient("the launcher", base, apiKey, pause, notices);
  }

  /** {@code POST /v1/batches}: the batch as launched (queued). */
  public Batch launch(BatchRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("input", request.input());
    body.put("format", request.format());
    if (request.field() != null) {
      body.put("field", request.field());
    }
    body.put("header", request.header());
    body.put("output", request.output());
    body.put("source", request.source());
    body.put("target", request.target());
    body.put("shards", request.shards());
    body.put("priority", request.priority());
    return client.read(
        client.send(
            HttpRequest.newBuilder(client.uri("/v1/batches"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(ApiClient.json(body))),
            REQUEST_TIMEOUT),
        Batch.class);
  }

  /**
   * {@code GET /v1/batches}: a page of batches, newest first.
   *
   * @param cursor where to start, from the previous page, or null for the newest
   */
  public BatchPage list(int limit, String cursor) {
    String query =
        "?limit=" + limit + (cursor == null ? "" : "&cursor=" + ApiClient.pathSegment(cursor));
    return client.read(
        client.send(
            HttpRequest.newBuilder(client.uri("/v1/batches" + query)).GET(), REQUEST_TIMEOUT),
        BatchPage.class);
  }

  /** {@code GET /v1/batches/{id}}. */
  public Batch batch(String id) {
    return client.read(getBatch(id), Batch.class);
  }

  /** {@code GET /v1/batches/{id}} as the launcher wrote it, for scripts that want every field. */
  public String batchJson(String id) {
    HttpResponse<byte[]> response = getBatch(id);
    // Read once, so that an answer that is no batch fails as it does without --json.
    client.read(response, Batch.class);
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** {@code DELETE /v1/batches/{id}}: the batch as cancelled. */
  public Batch cancel(String id) {
    return client.read(
        client.send(HttpRequest.newBuilder(client.uri(batchPath(id))).DELETE(), REQUEST_TIMEOUT),
        Batch.class);
  }

  /**
   * {@code GET /v1/batches/{id}/shards/{n}/log}: the end of the log of the shard's current or
   * latest attempt.
   *
   * @param lines how many lines from the end
   */
  public String log(String id, int shard, int lines) {
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(
                    client.uri(batchPath(id) + "/shards/" + shard + "/log?lines=" + lines))
                .GET(),
            REQUEST_TIMEOUT);
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private HttpResponse<byte[]> getBatch(String id) {
    return client.send(HttpRequest.newBuilder(client.uri(batchPath(id))).GET(), REQUEST_TIMEOUT);
  }

  private static String batchPath(String id) {
    return "/v1/batches/" + ApiClient.pathSegment(id);
  }
}
