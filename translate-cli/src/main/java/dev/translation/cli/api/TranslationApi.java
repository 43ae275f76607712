package dev.translation.cli.api;

import static dev.translation.cli.api.ApiClient.REQUEST_TIMEOUT;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The submit API's {@code /v1} calls, over {@link ApiClient}: every call sends the API key, returns
 * the answer as a record, and throws {@link ApiRejectedException} for a 4xx and {@link
 * ApiUnavailableException} when the API cannot be reached or fails with a 5xx. A {@code 429} or
 * {@code 503} with {@code Retry-After} is retried after that pause: a folder of files, or a long
 * wait polling several jobs, can meet the per-key rate. Submits carry an {@code Idempotency-Key},
 * so a retried submit never creates a second job.
 */
public final class TranslationApi {

  /** For uploads and downloads of files up to the API's limit (20 MB by default). */
  private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(5);

  private static final Pattern EXTENDED_FILENAME =
      Pattern.compile("filename\\*\\s*=\\s*([^']*)'[^']*'([^;\\s]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern QUOTED_FILENAME =
      Pattern.compile("filename\\s*=\\s*\"((?:\\\\.|[^\"\\\\])*)\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern TOKEN_FILENAME =
      Pattern.compile("filename\\s*=\\s*([^;\\s\"]+)", Pattern.CASE_INSENSITIVE);

  private final ApiClient client;

  /**
   * @param base the API's address, e.g. {@code http://localhost:8080}
   * @param apiKey sent as {@code Authorization: Bearer}
   * @param pause how to wait before a retry
   * @param notices told when a request is retried and why
   */
  public TranslationApi(URI base, String apiKey, Pause pause, Consumer<String> notices) {
    this.client = new ApiClient("the API", base, apiKey, pause, notices);
  }

  /**
   * {@code POST /v1/translations}.
   *
   * @param priority {@code interactive}, {@code batch} or null for the API's choice
   * @param wait how long the API may hold the answer for the result; zero for none
   */
  public Submission submitTexts(
      List<String> texts, String source, String target, String priority, Duration wait) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("texts", texts);
    body.put("source", source);
    body.put("target", target);
    if (priority != null) {
      body.put("priority", priority);
    }
    String query = wait.isZero() ? "" : "?wait=" + wait.toMillis() + "ms";
    HttpResponse<byte[]> response =
        send(
            HttpRequest.newBuilder(uri("/v1/translations" + query))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(BodyPublishers.ofByteArray(ApiClient.json(body))),
            REQUEST_TIMEOUT.plus(wait));
    if (response.statusCode() == 200) {
      JobResult result = read(response, JobResult.class);
      return new Submission(result.id(), null, result);
    }
    Job job = read(response, Job.class);
    return new Submission(job.id(), job, null);
  }

  /**
   * {@code POST /v1/documents}: the file under its own name, which the API keeps for the download.
   *
   * @throws IOException when the file cannot be read
   */
  public Job submitDocument(Path file, String source, String target, String priority)
      throws IOException {
    MultipartBody form =
        new MultipartBody()
            .file("file", file.getFileName().toString(), Files.readAllBytes(file))
            .field("source", source)
            .field("target", target);
    if (priority != null) {
      form.field("priority", priority);
    }
    return read(
        send(
            HttpRequest.newBuilder(uri("/v1/documents"))
                .header("Content-Type", form.contentType())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(BodyPublishers.ofByteArray(form.toByteArray())),
            TRANSFER_TIMEOUT),
        Job.class);
  }

  /** {@code GET /v1/jobs/{id}}. */
  public Job job(String id) {
    return read(send(HttpRequest.newBuilder(uri(jobPath(id))).GET(), REQUEST_TIMEOUT), Job.class);
  }

  /** {@code GET /v1/jobs/{id}/result}: the translations so far. */
  public JobResult result(String id) {
    return read(
        send(HttpRequest.newBuilder(uri(jobPath(id) + "/result")).GET(), REQUEST_TIMEOUT),
        JobResult.class);
  }

  /**
   * {@code GET /v1/jobs/{id}/document}.
   *
   * @return the translated file, or empty while the job has not finished (the API's 409)
   */
  public Optional<TranslatedFile> document(String id) {
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(uri(jobPath(id) + "/document")).GET(),
            TRANSFER_TIMEOUT,
            status -> status == 409);
    if (response.statusCode() == 409) {
      return Optional.empty();
    }
    String fileName =
        response
            .headers()
            .firstValue("Content-Disposition")
            .map(TranslationApi::fileName)
            .orElse(null);
    int incomplete =
        response
            .headers()
            .firstValue("Translation-Incomplete-Texts")
            .map(TranslationApi::count)
            .orElse(0);
    return Optional.of(new TranslatedFile(fileName, response.body(), incomplete));
  }

  /** {@code DELETE /v1/jobs/{id}}: cancels what has not been translated yet. */
  public Job cancel(String id) {
    return read(
        send(HttpRequest.newBuilder(uri(jobPath(id))).DELETE(), REQUEST_TIMEOUT), Job.class);
  }

  /**
   * {@code GET /v1/jobs}: the caller's jobs, newest first.
   *
   * @param page from 0
   * @param size jobs per page, or null for the API's default
   */
  public JobPage list(int page, Integer size) {
    String query = "?page=" + page + (size == null ? "" : "&size=" + size);
    return read(
        send(HttpRequest.newBuilder(uri("/v1/jobs" + query)).GET(), REQUEST_TIMEOUT),
        JobPage.class);
  }

  private URI uri(String path) {
    return client.uri(path);
  }

  private static String jobPath(String id) {
    return "/v1/jobs/" + ApiClient.pathSegment(id);
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request, Duration timeout) {
    return client.send(request, timeout);
  }

  private <T> T read(HttpResponse<byte[]> response, Class<T> type) {
    return client.read(response, type);
  }

  /**
   * The file name of a {@code Content-Disposition} header (RFC 6266): {@code filename*} if present,
   * else {@code filename}; only its last path element, so an answer can never name a place to write
   * outside the folder chosen for it. Null when there is none.
   */
  static String fileName(String contentDisposition) {
    String name = null;
    Matcher extended = EXTENDED_FILENAME.matcher(contentDisposition);
    Matcher quoted = QUOTED_FILENAME.matcher(contentDisposition);
    Matcher token = TOKEN_FILENAME.matcher(contentDisposition);
    if (extended.find()) {
      try {
        Charset charset =
            extended.group(1).isBlank()
                ? StandardCharsets.UTF_8
                : Charset.forName(extended.group(1));
        name = URLDecoder.decode(extended.group(2).replace("+", "%2B"), charset);
      } catch (IllegalArgumentException e) {
        name = null;
      }
    }
    if (name == null && quoted.find()) {
      name = quoted.group(1).replaceAll("\\\\(.)", "$1");
    }
    if (name == null && token.find()) {
      name = token.group(1);
    }
    if (name == null) {
      return null;
    }
    String plain = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    return plain.isBlank() || plain.equals(".") || plain.equals("..") ? null : plain;
  }

  private static int count(String header) {
    try {
      return Integer.parseInt(header.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
