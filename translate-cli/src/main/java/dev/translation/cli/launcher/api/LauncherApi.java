package dev.translation.cli.launcher.api;

import static dev.translation.cli.api.ApiClient.REQUEST_TIMEOUT;

import dev.translation.cli.api.ApiClient;
import dev.translation.cli.api.ApiRejectedException;
import dev.translation.cli.api.ApiUnavailableException;
import dev.translation.cli.api.Pause;
import dev.translation.contracts.LanguagePair;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The job launcher's calls: corpus batches ({@code /v1/batches}) and the model registry and its
 * jobs ({@code /v1/models}, {@code /v1/rollouts}, {@code /v1/model-jobs}). Every call sends the API
 * key, returns the answer as a record, and throws {@link ApiRejectedException} for a 4xx and {@link
 * ApiUnavailableException} when the launcher cannot be reached or fails with a 5xx; a {@code 429}
 * or {@code 503} with {@code Retry-After} is retried after that pause (the launch was not accepted
 * then, so it is not made twice).
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

  /** {@code GET /v1/models}: what serves each language pair, and every registered version. */
  public ModelRegistry models() {
    return client.read(get("/v1/models"), ModelRegistry.class);
  }

  /** {@code GET /v1/models} as the launcher wrote it. */
  public String modelsJson() {
    return json(get("/v1/models"), ModelRegistry.class);
  }

  /** {@code GET /v1/models/{modelId}}. */
  public ModelVersion model(String modelId) {
    return client.read(get(modelPath(modelId)), ModelVersion.class);
  }

  /** {@code GET /v1/models/{modelId}} as the launcher wrote it. */
  public String modelJson(String modelId) {
    return json(get(modelPath(modelId)), ModelVersion.class);
  }

  /** {@code POST /v1/models/{modelId}/promote}: the pair's rollout, with it active. */
  public Rollout promote(String modelId) {
    return client.read(post(modelPath(modelId) + "/promote", null), Rollout.class);
  }

  /** {@code POST /v1/models/{modelId}/canary}: the pair's rollout, with it the canary. */
  public Rollout canary(String modelId, int percent) {
    return client.read(
        post(modelPath(modelId) + "/canary", Map.of("percent", percent)), Rollout.class);
  }

  /** {@code POST /v1/rollouts/{pair}/rollback}: the rollout, the previous version active again. */
  public Rollout rollback(LanguagePair languages) {
    return client.read(post(rolloutPath(languages) + "/rollback", null), Rollout.class);
  }

  /** {@code POST /v1/rollouts/{pair}/end-canary}: the rollout without its canary. */
  public Rollout endCanary(LanguagePair languages) {
    return client.read(post(rolloutPath(languages) + "/end-canary", null), Rollout.class);
  }

  /** {@code POST /v1/model-jobs/refresh}: the job as launched (queued). */
  public ModelJob refresh(ModelJobRequest request) {
    return client.read(post("/v1/model-jobs/refresh", request), ModelJob.class);
  }

  /** {@code POST /v1/model-jobs/retrain}: the job as launched (queued). */
  public ModelJob retrain(ModelJobRequest request) {
    return client.read(post("/v1/model-jobs/retrain", request), ModelJob.class);
  }

  /** {@code GET /v1/model-jobs}: the newest model jobs, newest first. */
  public List<ModelJob> modelJobs(int limit) {
    return client.read(get("/v1/model-jobs?limit=" + limit), ModelJob.Page.class).jobs();
  }

  /** {@code GET /v1/model-jobs/{id}}. */
  public ModelJob modelJob(String id) {
    return client.read(get(modelJobPath(id)), ModelJob.class);
  }

  /** {@code GET /v1/model-jobs/{id}} as the launcher wrote it. */
  public String modelJobJson(String id) {
    return json(get(modelJobPath(id)), ModelJob.class);
  }

  /** {@code POST /v1/model-jobs/{id}/cancel}: the job as cancelled. */
  public ModelJob cancelModelJob(String id) {
    return client.read(post(modelJobPath(id) + "/cancel", null), ModelJob.class);
  }

  /**
   * {@code GET /v1/model-jobs/{id}/log}: the end of the log of the job's current or latest attempt.
   *
   * @param lines how many lines from the end
   */
  public String modelJobLog(String id, int lines) {
    return new String(get(modelJobPath(id) + "/log?lines=" + lines).body(), StandardCharsets.UTF_8);
  }

  private HttpResponse<byte[]> get(String pathAndQuery) {
    return client.send(HttpRequest.newBuilder(client.uri(pathAndQuery)).GET(), REQUEST_TIMEOUT);
  }

  /** A POST with {@code body} as JSON, or with none when it is null. */
  private HttpResponse<byte[]> post(String path, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(client.uri(path));
    if (body == null) {
      request.POST(BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .POST(BodyPublishers.ofByteArray(ApiClient.json(body)));
    }
    return client.send(request, REQUEST_TIMEOUT);
  }

  /** The answer's text, read once as {@code type} so that an unexpected answer fails alike. */
  private <T> String json(HttpResponse<byte[]> response, Class<T> type) {
    client.read(response, type);
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static String modelPath(String modelId) {
    return "/v1/models/" + ApiClient.pathSegment(modelId);
  }

  private static String rolloutPath(LanguagePair languages) {
    return "/v1/rollouts/" + ApiClient.pathSegment(languages.toString());
  }

  private static String modelJobPath(String id) {
    return "/v1/model-jobs/" + ApiClient.pathSegment(id);
  }

  private HttpResponse<byte[]> getBatch(String id) {
    return client.send(HttpRequest.newBuilder(client.uri(batchPath(id))).GET(), REQUEST_TIMEOUT);
  }

  private static String batchPath(String id) {
    return "/v1/batches/" + ApiClient.pathSegment(id);
  }
}
