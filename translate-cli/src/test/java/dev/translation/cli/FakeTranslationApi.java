package dev.translation.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * The submit API's endpoints with canned answers, on the JDK's HTTP server: each route answers its
 * answers in turn and then repeats the last, so a job can go queued, running, succeeded over three
 * polls. Every request is recorded. Requests without the expected key get the API's 401.
 */
final class FakeTranslationApi implements AutoCloseable {

  static final String KEY = "tk_test-key";
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** A request as the server received it. */
  record Request(
      String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The parts of a multipart/form-data body by name. */
    Map<String, Part> parts() {
      Matcher boundary = Pattern.compile("boundary=(\\S+)").matcher(header("Content-Type"));
      if (!boundary.find()) {
        throw new AssertionError("no multipart boundary in " + header("Content-Type"));
      }
      String text = new String(body, StandardCharsets.ISO_8859_1);
      Map<String, Part> parts = new LinkedHashMap<>();
      for (String raw : text.split("--" + Pattern.quote(boundary.group(1)))) {
        int headEnd = raw.indexOf("\r\n\r\n");
        if (headEnd < 0) {
          continue;
        }
        String head = raw.substring(0, headEnd);
        String content = raw.substring(headEnd + 4, raw.length() - 2);
        Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(head);
        Matcher file = Pattern.compile("filename=\"([^\"]*)\"").matcher(head);
        name.find();
        parts.put(
            name.group(1),
            new Part(
                file.find()
                    ? new String(
                        file.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)
                    : null,
                content.getBytes(StandardCharsets.ISO_8859_1)));
      }
      return parts;
    }
  }

  record Part(String fileName, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  /** An answer to send. */
  record Answer(int status, Map<String, String> headers, byte[] body) {}

  private final HttpServer server;
  private final Map<String, Deque<Answer>> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private FakeTranslationApi(HttpServer server) {
    this.server = server;
  }

  static FakeTranslationApi start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeTranslationApi api = new FakeTranslationApi(server);
    server.createContext("/", api::handle);
    server.start();
    return api;
  }

  URI url() {
    return URI.create("http://localhost:" + server.getAddress().getPort());
  }

  /** Answers {@code METHOD path} (without the query) with these answers in turn, then the last. */
  FakeTranslationApi on(String method, String path, Answer... answers) {
    routes.put(method + " " + path, new ArrayDeque<>(Arrays.asList(answers)));
    return this;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  List<Request> requests(String method, String path) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .toList();
  }

  static Answer json(int status, Object body) {
    return new Answer(
        status, Map.of("Content-Type", "application/json"), JSON.writeValueAsBytes(body));
  }

  static Answer problem(int status, String detail, Map<String, Object> extensions) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("status", status);
    body.put("detail", detail);
    body.putAll(extensions);
    return new Answer(
        status, Map.of("Content-Type", "application/problem+json"), JSON.writeValueAsBytes(body));
  }

  static Answer problem(int status, String detail) {
    return problem(status, detail, Map.of());
  }

  /** A translated file as {@code GET /v1/jobs/{id}/document} sends it. */
  static Answer file(String fileName, String content, int incompleteTexts) {
    return new Answer(
        200,
        Map.of(
            "Content-Type",
            "application/octet-stream",
            "Content-Disposition",
            "attachment; filename=\"" + fileName + "\"; filename*=UTF-8''" + fileName,
            "Translation-Incomplete-Texts",
            Integer.toString(incompleteTexts)),
        content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A job as the API shows it.
   *
   * @param document the uploaded file's name, or null for a text job
   */
  static Map<String, Object> job(
      String id, String status, int texts, int total, int done, int failed, String document) {
    boolean finished = !status.equals("queued") && !status.equals("running");
    int cancelled = status.equals("cancelled") ? total - done - failed : 0;
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("id", id);
    job.put("status", status);
    job.put("lane", "interactive");
    job.put("source", "de");
    job.put("target", "en");
    job.put("model", null);
    job.put(
        "counts",
        Map.of(
            "texts", texts,
            "total", total,
            "done", done,
            "failed", failed,
            "cancelled", cancelled,
            "pending", total - done - failed - cancelled));
    job.put("modelVersions", List.of("de-en-starter/4"));
    job.put("createdAt", "2025-03-01T10:00:00.123456Z");
    job.put("startedAt", done + failed > 0 ? "2025-03-01T10:00:01Z" : null);
    job.put("finishedAt", finished ? "2025-03-01T10:00:02Z" : null);
    if (document != null) {
      String extension = document.substring(document.lastIndexOf('.') + 1);
      job.put(
          "document",
          Map.of(
              "name",
              document,
              "format",
              extension,
              "downloadFormat",
              extension.equals("pdf") ? "docx" : extension,
              "sizeBytes",
              1234));
    }
    job.put("links", Map.of("self", "/v1/jobs/" + id, "result", "/v1/jobs/" + id + "/result"));
    return job;
  }

  /** A job's result: the job plus {@code finished} and one entry per text. */
  static Map<String, Object> result(Map<String, Object> job, List<Map<String, Object>> segments) {
    Map<String, Object> result = new LinkedHashMap<>(job);
    String status = (String) job.get("status");
    result.put("finished", !status.equals("queued") && !status.equals("running"));
    result.put("segments", segments);
    return result;
  }

  static Map<String, Object> done(int index, String translation) {
    Map<String, Object> segment = new LinkedHashMap<>();
    segment.put("index", index);
    segment.put("status", "done");
    segment.put("translation", translation);
    segment.put("error", null);
    segment.put("model", "de-en-starter/4");
    return segment;
  }

  static Map<String, Object> failed(int index, String error) {
    Map<String, Object> segment = new LinkedHashMap<>();
    segment.put("index", index);
    segment.put("status", "failed");
    segment.put("translation", null);
    segment.put("error", error);
    segment.put("model", null);
    return segment;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestURI().getQuery(),
              Map.copyOf(exchange.getRequestHeaders()),
              body);
      requests.add(request);
      Answer answer;
      if (!("Bearer " + KEY).equals(request.header("Authorization"))) {
        answer = problem(401, "missing or invalid API key");
      } else {
        Deque<Answer> answers = routes.get(request.method() + " " + request.path());
        if (answers == null) {
          answer = problem(404, "no route " + request.method() + " " + request.path());
        } else {
          synchronized (answers) {
            answer = answers.size() > 1 ? answers.poll() : answers.peek();
          }
        }
      }
      answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.sendResponseHeaders(
          answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
      exchange.getResponseBody().write(answer.body());
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
