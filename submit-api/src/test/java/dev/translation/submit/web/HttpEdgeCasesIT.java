package dev.translation.submit.web;

import static dev.translation.submit.RawHttp.head;
import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.submit.ApiIntegrationTest;
import dev.translation.submit.RawHttp;
import dev.translation.submit.TestClient;
import dev.translation.submit.TestClient.Response;
import dev.translation.submit.security.IssuedApiKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Requests a hostile or careless client sends, and what each must be answered with. */
class HttpEdgeCasesIT extends ApiIntegrationTest {

  private static final String BODY = TestClient.submitBody(List.of("Hallo"));

  /** 1.5 MB in chunks of 1 KiB: over the 1 MiB limit, under Tomcat's 2 MB swallow size. */
  private static final int CHUNKS = 1536;

  /** Whitespace is valid JSON padding, so a parser reads all of it before it could fail. */
  private static final byte[] CHUNK = " ".repeat(1024).getBytes(StandardCharsets.US_ASCII);

  private static String bearer(IssuedApiKey key) {
    return "Authorization: Bearer " + key.secret();
  }

  private static String post(String path, IssuedApiKey key, String contentType, String body) {
    return head(
            "POST",
            path,
            bearer(key),
            "Content-Type: " + contentType,
            "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length)
        + body;
  }

  private static void assertProblem(RawHttp.Response response, int status, String... detail) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().path("status").asInt()).isEqualTo(status);
    assertThat(response.detail()).contains(detail);
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  private static void assertProblem(Response response, int status, String... detail) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().path("status").asInt()).isEqualTo(status);
    assertThat(response.detail()).contains(detail);
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void pathParametersAreRefusedSoNoPathSpellingSkipsALimit() {
    IssuedApiKey key = newKey();

    for (String path :
        List.of("/v1;x=1/translations", "/v1/translations;x=1", "/v1/jobs;jsessionid=1")) {
      RawHttp.Response response =
          raw()
              .send(
                  head(
                          "POST",
                          path,
                          bearer(key),
                          "Content-Type: application/json",
                          "Transfer-Encoding: chunked")
                      .getBytes(StandardCharsets.ISO_8859_1),
                  CHUNK,
                  CHUNKS);

      assertProblem(response, 400, "path parameters (';' in the path) are not supported");
    }
    assertThat(jobsOf(key)).isZero();
  }

  @Test
  void theBodyLimitHoldsForChunkedBodiesWhateverThePathSpelling() {
    IssuedApiKey key = newKey();

    // %76 is 'v' and %74 't': Spring decodes them when it matches the path to a handler.
    for (String path : List.of("/v1/translations", "/%761/translations", "/v1/%74ranslations")) {
      RawHttp.Response response =
          raw()
              .send(
                  head(
                          "POST",
                          path,
                          bearer(key),
                          "Content-Type: application/json",
                          "Transfer-Encoding: chunked")
                      .getBytes(StandardCharsets.ISO_8859_1),
                  CHUNK,
                  CHUNKS);

      assertProblem(response, 413, "exceeds the limit of 1048576 bytes");
      assertThat(response.json().path("limitBytes").asLong()).isEqualTo(1_048_576);
    }
    assertThat(jobsOf(key)).isZero();
  }

  @Test
  void anAnnouncedBodyOverTheLimitIsRefusedOnAnyPathBeforeItIsSent() {
    for (String path : List.of("/v1/translations", "/actuator/health", "/v3/api-docs", "/nope")) {
      RawHttp.Response response =
          raw()
              .send(
                  head("POST", path, "Content-Type: application/json", "Content-Length: 5000000"));

      assertProblem(response, 413, "exceeds the limit of 1048576 bytes");
    }
  }

  @Test
  void aResponseTheClientWillNotAcceptIs406AndNothingIsDone() {
    IssuedApiKey key = newKey();
    TestClient client = client(key);
    String id = client.submit(List.of("eins")).json().path("id").asString();

    Response html = client.withHeader("Accept", "text/html").post("/v1/translations", BODY);
    Response unparsable = client.withHeader("Accept", "nonsense").post("/v1/translations", BODY);
    Response cancel = client.withHeader("Accept", "text/html").delete("/v1/jobs/" + id);

    assertProblem(html, 406, "answers with application/json", "'text/html'");
    assertProblem(unparsable, 406, "answers with application/json");
    assertProblem(cancel, 406, "answers with application/json");
    assertThat(jobsOf(key)).as("only the first submit created a job").isEqualTo(1);
    assertThat(segmentStatus(id, 0)).isEqualTo("PENDING");
    assertThat(client.withHeader("Accept", "application/json").get("/v1/jobs").status())
        .isEqualTo(200);
  }

  @Test
  void aPreflightFromAnAllowedOriginNeedsNoKey() {
    RawHttp.Response response =
        raw()
            .send(
                head(
                    "OPTIONS",
                    "/v1/translations",
                    "Origin: " + ALLOWED_ORIGIN,
                    "Access-Control-Request-Method: POST",
                    "Access-Control-Request-Headers: authorization, content-type, idempotency-key"));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
    assertThat(response.header("Access-Control-Allow-Methods")).contains("POST");
    assertThat(response.header("Access-Control-Allow-Headers").toLowerCase())
        .contains("authorization", "content-type", "idempotency-key");
    assertThat(response.header("Access-Control-Max-Age")).isEqualTo("3600");
  }

  @Test
  void aPreflightFromAnotherOriginOrForAnotherMethodIs403() {
    RawHttp.Response otherOrigin =
        raw()
            .send(
                head(
                    "OPTIONS",
                    "/v1/translations",
                    "Origin: https://evil.example",
                    "Access-Control-Request-Method: POST"));
    RawHttp.Response otherMethod =
        raw()
            .send(
                head(
                    "OPTIONS",
                    "/v1/jobs/some-id",
                    "Origin: " + ALLOWED_ORIGIN,
                    "Access-Control-Request-Method: PUT"));

    assertProblem(otherOrigin, 403, "cross-origin request refused");
    assertThat(otherOrigin.header("Access-Control-Allow-Origin")).isNull();
    assertProblem(otherMethod, 403, "cross-origin request refused");
  }

  @Test
  void anAllowedOriginReadsResponsesAndAnotherIsRefusedBeforeAnythingIsDone() {
    IssuedApiKey key = newKey();

    Response allowed = client(key).withHeader("Origin", ALLOWED_ORIGIN).submit(List.of("Hallo"));
    Response refused =
        client(key).withHeader("Origin", "https://evil.example").submit(List.of("Hallo"));

    assertThat(allowed.status()).as(allowed.toString()).isEqualTo(202);
    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
    assertThat(allowed.header("Access-Control-Expose-Headers")).contains("Location");
    assertProblem(refused, 403, "cross-origin request refused");
    assertThat(jobsOf(key)).isEqualTo(1);
  }

  @Test
  void aBodyNotDeclaredAsJsonIs415NamingTheAcceptedType() {
    IssuedApiKey key = newKey();

    for (String type :
        List.of("*/*", "application/*", "text/plain", "application/x-www-form-urlencoded")) {
      assertProblem(
          raw().send(post("/v1/translations", key, type, BODY)),
          415,
          "Content-Type '" + type + "' is not supported",
          "application/json");
    }
    RawHttp.Response untyped =
        raw()
            .send(
                head("POST", "/v1/translations", bearer(key), "Content-Length: " + BODY.length())
                    + BODY);
    assertProblem(untyped, 415, "no Content-Type", "application/json");
    assertThat(jobsOf(key)).isZero();
  }

  @Test
  void aBodyThatIsNotValidUtf8Is400NamingTheOffsetAndCreatesNothing() {
    IssuedApiKey key = newKey();
    byte[] before = "{\"texts\": [\"Pfad a".getBytes(StandardCharsets.UTF_8);
    byte[] after = "b\"], \"source\": \"de\", \"target\": \"en\"}".getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> invalid = new LinkedHashMap<>();
    invalid.put("overlong '/'", bytes(0xC0, 0xAF));
    invalid.put("overlong three-byte '/'", bytes(0xE0, 0x80, 0xAF));
    invalid.put("a surrogate encoded in UTF-8", bytes(0xED, 0xA0, 0x80));
    invalid.put("a byte UTF-8 never uses", bytes(0xFF));
    invalid.put("a code point above U+10FFFF", bytes(0xF4, 0x90, 0x80, 0x80));
    invalid.put("a sequence cut short", bytes(0xE2, 0x82));

    invalid.forEach(
        (what, bad) -> {
          byte[] body = concat(before, bad, after);
          RawHttp.Response response =
              raw()
                  .send(
                      concat(
                          head(
                                  "POST",
                                  "/v1/translations",
                                  bearer(key),
                                  "Content-Type: application/json",
                                  "Content-Length: " + body.length)
                              .getBytes(StandardCharsets.ISO_8859_1),
                          body));

          assertThat(response.status()).as(what).isEqualTo(400);
          assertProblem(response, 400, "must be valid UTF-8", "offset " + before.length);
          assertThat(response.json().path("offset").asInt()).isEqualTo(before.length);
        });
    assertThat(jobsOf(key)).isZero();
  }

  @Test
  void validUtf8IsStoredExactly() {
    String text = "Grüße aus Köln \uD83D\uDC4B";

    Response response = newClient().submit(List.of(text));

    assertThat(response.status()).as(response.toString()).isEqualTo(202);
    assertThat(
            jdbc.sql("SELECT source_text FROM segments WHERE job_id = ?")
                .params(response.json().path("id").asString())
                .query(String.class)
                .single())
        .isEqualTo(text);
  }

  @Test
  void bodyErrorsAreExplainedInTheApisOwnWords() {
    TestClient client = newClient();
    Map<String, String> expected = new LinkedHashMap<>();
    // In a field the API ignores, so that only the parser's limits can refuse them.
    expected.put(
        "{\"texts\": [\"a\"], \"extra\": " + "[".repeat(1500) + "]}",
        "the JSON is nested too deeply or holds an overlong number, string or name");
    expected.put(
        "{\"texts\": [\"a\"], \"extra\": " + "1".repeat(2000) + "}",
        "the JSON is nested too deeply or holds an overlong number, string or name");
    expected.put(
        "{\"texts\": {\"a\": 1}, \"source\": \"de\", \"target\": \"en\"}",
        "field 'texts' has the wrong type: expected an array");
    expected.put(
        "{\"texts\": [\"a\"], \"source\": \"de\", \"target\": \"en\", \"priority\": {\"x\": 1}}",
        "field 'priority' has the wrong type: expected a string");
    expected.put(BODY + " {}", "must be a JSON object like");
    expected.put("[\"Hallo\"]", "must be a JSON object like");
    expected.put("{\"texts\": [\"a\"], \"source\": x}", "malformed JSON at line 1, column ");
    expected.put("{\"texts\":", "malformed JSON at line 1, column 10");
    expected.put("{\"texts\": [\"a\"],\n \"source\" \"de\"}", "malformed JSON at line 2");

    expected.forEach(
        (body, detail) -> {
          Response response = client.post("/v1/translations", body);

          assertProblem(response, 400, detail);
          assertThat(response.detail())
              .as("no internals in: %s", response.detail())
              .doesNotContain(
                  "`",
                  "java.",
                  "jackson",
                  "Jackson",
                  "Source:",
                  "REDACTED",
                  "Exception",
                  "Constraints",
                  "Feature",
                  "dev.translation");
        });
  }

  @Test
  void requestsTomcatRefusesItselfAreProblemDetails() {
    Map<String, String> requests = new LinkedHashMap<>();
    requests.put(
        "a request line over the header size limit",
        head("GET", "/v1/jobs?q=" + "a".repeat(10_000)));
    requests.put("a header name with a space", head("GET", "/v1/jobs", "Bad Header: x"));
    requests.put(
        "a request line with an extra word", "GET /v1/jobs HTTP/1.1 extra\r\nHost: x\r\n\r\n");
    requests.put("a brace in the path", head("GET", "/v1/{x}"));
    requests.put("a path above the root", head("GET", "/../etc/passwd"));
    requests.put("an encoded slash", head("GET", "/v1/jobs%2Fx"));
    requests.put("no Host header", "GET /v1/jobs HTTP/1.1\r\n\r\n");

    requests.forEach(
        (what, request) -> {
          RawHttp.Response response = raw().send(request);

          assertThat(response.status()).as(what).isEqualTo(400);
          assertProblem(response, 400, "could not be parsed", "up to 8192 bytes");
          assertThat(response.body()).as(what).doesNotContain("<", "Tomcat", "Exception");
        });
  }

  @Test
  void anErrorTomcatRaisesOnceTheApplicationIsChosenIsAProblemDetailToo() {
    // Tomcat refuses more than 200 cookies after mapping the request, via the /error page.
    String cookies =
        "Cookie: "
            + String.join("; ", IntStream.range(0, 201).mapToObj(i -> "c" + i + "=1").toList());

    RawHttp.Response response = raw().send(head("GET", "/v1/jobs", cookies));

    assertProblem(response, 400, "could not be parsed");
    assertThat(response.json().path("instance").asString()).isEqualTo("/v1/jobs");
  }

  @Test
  void unknownPathsWrongMethodsAndTheErrorPageAreProblemDetails() {
    IssuedApiKey key = newKey();

    assertProblem(anonymousClient().get("/nope"), 404, "no such endpoint", "/v3/api-docs");
    assertProblem(client(key).get("/v1/nope"), 404, "no such endpoint");
    assertProblem(anonymousClient().get("/error"), 404, "no such endpoint");
    RawHttp.Response put = raw().send(head("PUT", "/v1/jobs", bearer(key)));
    assertProblem(put, 405, "method PUT is not allowed", "allowed: GET");
    assertThat(put.header("Allow")).isEqualTo("GET");
  }

  @Test
  void everyResponseForbidsSniffingAndCaching() {
    IssuedApiKey key = newKey();
    List<Response> responses =
        List.of(
            client(key).submit(List.of("Hallo")),
            client(key).get("/v1/jobs"),
            client(key).get("/v1/jobs/no-such-job"),
            anonymousClient().get("/v1/jobs"),
            anonymousClient().get("/actuator/health/liveness"),
            anonymousClient().get("/v3/api-docs"));

    assertThat(responses)
        .extracting(Response::status)
        .containsExactly(202, 200, 404, 401, 200, 200);
    assertThat(responses)
        .allSatisfy(
            response -> {
              assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
              assertThat(response.header("Cache-Control")).isEqualTo("no-store");
            });
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Arrays.stream(parts).forEach(out::writeBytes);
    return out.toByteArray();
  }
}
