package dev.translation.submit.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details written where Spring MVC's exception handling does not reach: servlet filters,
 * the CORS check and Tomcat's own error reports. Same members as the ones {@link
 * ProblemDetailsAdvice} writes, so a client cannot tell which layer refused its request.
 */
public final class ProblemResponses {

  private ProblemResponses() {}

  /**
   * The web page's policy: scripts, styles, images and requests from this server only, no inline
   * script or style, no plugins, no framing, and (Trusted Types) no string ever assigned to a sink
   * that parses it as markup or code, so a text echoed by the page cannot become a script even if a
   * future change forgets to use textContent.
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types 'none'";

  /**
   * Headers every response carries: browsers must not guess a content type (a JSON error echoing
   * input must never be sniffed as HTML), answers about jobs and keys must not be cached, and the
   * page's Content-Security-Policy. The policy goes on every response, not only the page's files:
   * it costs an API client nothing, and a JSON answer or error opened in a browser runs nothing
   * either.
   */
  public static void addStandardHeaders(HttpServletResponse response) {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  }

  /** Writes a problem detail as the whole response; nothing may have been written before. */
  public static void write(
      HttpServletResponse response,
      HttpStatus status,
      String detail,
      String instance,
      Map<String, Object> properties)
      throws IOException {
    byte[] body = json(status.value(), detail, instance, properties);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setContentLength(body.length);
    addStandardHeaders(response);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }

  /** The problem detail's JSON. */
  public static byte[] json(
      int status, String detail, String instance, Map<String, Object> properties) {
    HttpStatus known = HttpStatus.resolve(status);
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("title", known == null ? "Error" : known.getReasonPhrase());
    problem.put("status", status);
    problem.put("detail", detail);
    if (instance != null) {
      problem.put("instance", instance);
    }
    problem.putAll(properties);
    return JsonMapper.shared().writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The request path as a problem's {@code instance}, or null when it is not a valid URI reference
   * (Tomcat accepts a few characters, such as brackets, that {@link URI} refuses).
   */
  public static URI instance(String path) {
    try {
      return path == null ? null : new URI(path);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /**
   * What went wrong, in the API's words, for errors known only by their status: those the servlet
   * container raises before the application sees the request.
   */
  public static String detailFor(int status) {
    return switch (status) {
      case 400 ->
          "the request could not be parsed: its request line, URI or headers are malformed or too"
              + " large";
      case 404 -> "there is no such endpoint; the API is described at /v3/api-docs";
      case 405 -> "this method is not allowed here";
      case 408 -> "the request did not arrive in time";
      case 413 -> "the request is too large";
      case 414, 431 -> "the request line or headers are too large";
      case 501 -> "this request method or transfer encoding is not supported";
      case 503 -> "the server is not accepting requests right now; retry shortly";
      case 505 -> "this HTTP version is not supported; use HTTP/1.1";
      default -> status >= 500 ? "internal error" : "the request was refused";
    };
  }
}
