package dev.translation.cli.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests to one of the pipeline's HTTP APIs with an API key, shared by the clients of the submit
 * API and of the job launcher so that both send the key, retry and report failures alike. A 4xx
 * becomes {@link ApiRejectedException} with the problem's {@code detail}; an API that cannot be
 * reached, or fails with a 5xx, {@link ApiUnavailableException}.
 *
 * <p>Answers that say when to come back ({@code 429} over the key's rate, {@code 503} while a
 * database is down, both with {@code Retry-After}) are retried a few times after that pause: the
 * request was not carried out, so sending it again does no harm.
 */
public final class ApiClient {

  /** For answers that need no work on the API's side beyond a few reads. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static final int MAX_ATTEMPTS = 6;
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);

  private final HttpClient http;
  private final String name;
  private final String base;
  private final String apiKey;
  private final Pause pause;
  private final Consumer<String> notices;

  /**
   * @param name what the API is called in messages, e.g. {@code the API}
   * @param base the API's address, e.g. {@code http://localhost:8080}
   * @param apiKey sent as {@code Authorization: Bearer}
   * @param pause how to wait before a retry
   * @param notices told when a request is retried and why
   */
  public ApiClient(String name, URI base, String apiKey, Pause pause, Consumer<String> notices) {
    // HTTP/1.1: the APIs serve no cleartext HTTP/2, so the client's upgrade attempt would be waste.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    this.name = name;
    this.base = base.toString().replaceAll("/+$", "");
    this.apiKey = apiKey;
    this.pause = pause;
    this.notices = notices;
  }

  /** The address of {@code path} (starting with {@code /}) on this API. */
  public URI uri(String path) {
    return URI.create(base + path);
  }

  /** An id or name as one path segment, whatever characters it holds. */
  public static String pathSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A request body as JSON. */
  public static byte[] json(Object body) {
    return JSON.writeValueAsBytes(body);
  }

  /**
   * Sends until the answer is final, and returns it when it is a success.
   *
   * @throws ApiRejectedException on a 4xx
   * @throws ApiUnavailableException when the API cannot be reached, or on a 5xx
   */
  public HttpResponse<byte[]> send(HttpRequest.Builder request, Duration timeout) {
    return send(request, timeout, status -> false);
  }

  /**
   * Sends until the answer is final: a success, a status the caller handles ({@code expected}), or
   * a failure, which is thrown.
   */
  public HttpResponse<byte[]> send(
      HttpRequest.Builder builder, Duration timeout, IntPredicate expected) {
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

  /**
   * An answer's JSON body as {@code type}.
   *
   * @throws ApiUnavailableException when it is not that JSON: only the API can explain why
   */
  public <T> T read(HttpResponse<byte[]> response, Class<T> type) {
    try {
      return JSON.readValue(response.body(), type);
    } catch (JacksonException e) {
      throw new ApiUnavailableException(
          name
              + "'s answer to "
              + response.request().uri()
              + " is not the JSON this command line expects: "
              + e.getOriginalMessage(),
          e);
    }
  }

  private HttpResponse<byte[]> exchange(HttpRequest request, Duration timeout) {
    try {
      return http.send(request, BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException e) {
      throw new ApiUnavailableException(
          "cannot reach "
              + name
              + " at "
              + base
              + ": no connection within "
              + seconds(CONNECT_TIMEOUT),
          e);
    } catch (HttpTimeoutException e) {
      throw new ApiUnavailableException(
          name + " at " + base + " did not answer within " + seconds(timeout), e);
    } catch (ConnectException e) {
      throw new ApiUnavailableException(
          "cannot reach " + name + " at " + base + ": connection refused (is it running?)", e);
    } catch (IOException e) {
      throw new ApiUnavailableException(
          "cannot reach "
              + name
              + " at "
              + base
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiUnavailableException("interrupted while talking to " + name, e);
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

  private ApiException failure(HttpResponse<byte[]> response) {
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
  private String describe(HttpResponse<byte[]> response) {
    Problem problem = problem(response);
    if (problem != null && problem.detail() != null && !problem.detail().isBlank()) {
      return problem.detail();
    }
    return name + " answered HTTP " + response.statusCode() + " to " + response.request().uri();
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

  private static String seconds(Duration duration) {
    return duration.toSeconds() + " s";
  }
}
