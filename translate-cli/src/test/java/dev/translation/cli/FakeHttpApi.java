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
 * An API with canned answers on the JDK's HTTP server, for the command lines' tests: each route
 * answers its answers in turn and then repeats the last, so a job can go queued, running, succeeded
 * over three polls. Every request is recorded. Requests without the expected key get the APIs' 401.
 */
public class FakeHttpApi implements AutoCloseable {

  public static final String KEY = "tk_test-key";
  public static final JsonMapper JSON = JsonMapper.builder().build();

  /** A request as the server received it. */
  public record Request(
      String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON, into maps and lists. */
    public Map<String, Object> bodyJson() {
      @SuppressWarnings("unchecked")
      Map<String, Object> json = JSON.readValue(body, Map.class);
      return json;
    }

    /** The parts of a multipart/form-data body by name. */
    public Map<String, Part> parts() {
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

  public record Part(String fileName, byte[] content) {
    public String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  /** An answer to send. */
  public record Answer(int status, Map<String, String> headers, byte[] body) {}

  private final HttpServer server;
  private final Map<String, Deque<Answer>> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  /** Starts serving on a free port of the loopback interface. */
  public FakeHttpApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI url() {
    return URI.create("http://localhost:" + server.getAddress().getPort());
  }

  /** Answers {@code METHOD path} (without the query) with these answers in turn, then the last. */
  public FakeHttpApi on(String method, String path, Answer... answers) {
    routes.put(method + " " + path, new ArrayDeque<>(Arrays.asList(answers)));
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<Request> requests(String method, String path) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .toList();
  }

  public static Answer json(int status, Object body) {
    return new Answer(
        status, Map.of("Content-Type", "application/json"), JSON.writeValueAsBytes(body));
  }

  public static Answer problem(int status, String detail, Map<String, Object> extensions) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("status", status);
    body.put("detail", detail);
    body.putAll(extensions);
    return new Answer(
        status, Map.of("Content-Type", "application/problem+json"), JSON.writeValueAsBytes(body));
  }

  public static Answer problem(int status, String detail) {
    return problem(status, detail, Map.of());
  }

  public static Answer text(int status, String body) {
    return new Answer(
        status,
        Map.of("Content-Type", "text/plain; charset=UTF-8"),
        body.getBytes(StandardCharsets.UTF_8));
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
