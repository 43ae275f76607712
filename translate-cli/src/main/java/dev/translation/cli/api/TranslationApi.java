package dev.translation.cli.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The submit API's {@code /v1} calls over the JDK's HTTP client. Every call sends the API key,
 * returns the answer as a record, and throws {@link ApiRejectedException} for a 4xx and {@link
 * ApiUnavailableException} when the API cannot be reached or fails with a 5xx.
 *
 * <p>Answers that say when to come back ({@code 429} over the key's rate, {@code 503} while the
 * database is down, both with {@code Retry-After}) are retried a few times after that pause: a
 * folder of files, or a long wait polling several jobs, can meet the per-key rate. Submits carry an
 * {@code Idempotency-Key}, so a retried submit never creates a second job.
 */
public final class TranslationApi {

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** For answers that need no work on the API's side beyond a few reads. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** For uploads and downloads of files up to the API's limit (20 MB by default). */
  private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(5);

  private static final int MAX_ATTEMPTS = 6;
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private static final Pattern EXTENDED_FILENAME =
      Pattern.compile("filename\\*\\s*=\\s*([^']*)'[^']*'([^;\\s]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern QUOTED_FILENAME =
      Pattern.compile("filename\\s*=\\s*\"((?:\\\\.|[^\"\\\\])*)\"", Pattern.CASE_INSENSITIVE);
  private static final Pattern TOKEN_FILENAME =
      Pattern.compile("filename\\s*=\\s*([^;\\s\"]+)", Pattern.CASE_INSENSITIVE);

  private final HttpClient http;
  private final String base;
  private final String apiKey;
  private final Pause pause;
  private final Consumer<String> notices;

  /**
   * @param base the API's address, e.g. {@code http://localhost:8080}
   * @param apiKey sent as {@code Authorization: Bearer}
   * @param pause how to wait before a retry
   * @param notices told when a request is retried and why
   */
  public TranslationApi(URI base, String apiKey, Pause pause, Consumer<String> notices) {
    // HTTP/1.1: the API serves no cleartext HTTP/2, so the client's upgrade attempt would be waste.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    this.base = base.toString().replaceAll("/+$", "");
    this.apiKey = apiKey;
    this.pause = pause;
    this.notices = notices;
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
                .POST(BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))),
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
        send(
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
    return URI.create(base + path);
  }

  private static String jobPath(String id) {
    return "/v1/jobs/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request, Duration timeout) {
    return send(request, timeout, status -> false);
  }

  /**
   * Sends until the answer is final: a success, a status the caller handles ({@code expected}), or
   * a failure, which is thrown.
   */
  private HttpResponse<byte[]> send(
      HttpRequest.Builder builder, Duration timeout, java.util.function.IntPredicate expected) {
    HttpRequest request =
        builder
            .header("Authorization", "Bearer " + apiKey)
            .header("User-Agent", "translate-cli")
            .timeout(timeout)
            .build();
    for (int attempt = 1; ; attempt++) {
      HttpResponse<byte[]> response = exchange(request, timeout);
      int status = response.statusCode();
      if (status / 100 == 2 || expected.test(status)) {
        return response;
      }
      Optional<Duration> retryAfter = retryAfter(response);
      if ((status == 429 || status == 503) && retryAfter.isPresent() && attempt < MAX_ATTEMPTS) {
        notices.accept(describe(response) + "; retrying in " + retryAfter.get().toSeconds() + "s");
        sleep(retryAfter.get());
        continue;
      }
      throw failure(response);
    }
  }

  private HttpResponse<byte[]> exchange(HttpRequest request, Duration timeout) {
    try {
      return http.send(request, BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException e) {
      throw new ApiUnavailableException(
          "cannot reach the API at " + base + ": no connection within " + seconds(CONNECT_TIMEOUT),
          e);
    } catch (HttpTimeoutException e) {
      throw new ApiUnavailableException(
          "the API at " + base + " did not answer within " + seconds(timeout), e);
    } catch (ConnectException e) {
      throw new ApiUnavailableException(
          "cannot reach the API at " + base + ": connection refused (is it running?)", e);
    } catch (IOException e) {
      throw new ApiUnavailableException(
          "cannot reach the API at "
              + base
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiUnavailableException("interrupted while talking to the API", e);
    }
  }

  private void sleep(Duration duration) {
    try {
      pause.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiUnavailableException("interrupted while waiting to retry", e);
    }
  }

  private static ApiException failure(HttpResponse<byte[]> response) {
    Problem problem = problem(response);
    int status = response.statusCode();
    if (status >= 500) {
      String reference =
          problem != null && problem.reference() != null
              ? " (reference " + problem.reference() + ")"
              : "";
      return new ApiUnavailableException(describe(response) + reference, null);
    }
    return new ApiRejectedException(
        status, describe(response), problem == null ? null : problem.supportedFormats());
  }

  /** The problem's detail as the API wrote it, or the status when the answer carries none. */
  private static String describe(HttpResponse<byte[]> response) {
    Problem problem = problem(response);
    if (problem != null && problem.detail() != null && !problem.detail().isBlank()) {
      return problem.detail();
    }
    return "the API answered HTTP " + response.statusCode() + " to " + response.request().uri();
  }

  private static Problem problem(HttpResponse<byte[]> response) {
    boolean json =
        response
            .headers()
            .firstValue("Content-Type")
            .map(type -> type.contains("json"))
            .orElse(false);
    if (!json) {
      return null;
    }
    try {
      return JSON.readValue(response.body(), Problem.class);
    } catch (JacksonException e) {
      return null;
    }
  }

  private static <T> T read(HttpResponse<byte[]> response, Class<T> type) {
    try {
      return JSON.readValue(response.body(), type);
    } catch (JacksonException e) {
      throw new ApiUnavailableException(
          "the API's answer to "
              + response.request().uri()
              + " is not the JSON this command line expects: "
              + e.getOriginalMessage(),
          e);
    }
  }

  private static Optional<Duration> retryAfter(HttpResponse<byte[]> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            value -> {
              try {
                long seconds = Long.parseLong(value.strip());
                Duration wait = Duration.ofSeconds(Math.max(1, seconds));
                return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
              } catch (NumberFormatException e) {
                // An HTTP date: rare enough to treat as no advice, and fail instead.
                return Optional.empty();
              }
            });
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

  private static String seconds(Duration duration) {
    return duration.toSeconds() + " s";
  }
}
