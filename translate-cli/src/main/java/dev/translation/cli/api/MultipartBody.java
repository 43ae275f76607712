package dev.translation.cli.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body (RFC 7578), built in memory: the API takes files of a few
 * megabytes, and the JDK's HTTP client has no multipart support of its own.
 */
final class MultipartBody {

  // A random boundary cannot be guessed by a file's content, so it never needs checking against it.
  private final String boundary = "translate-" + UUID.randomUUID();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  MultipartBody field(String name, String value) {
    part("form-data; name=\"" + quoted(name) + "\"", "text/plain; charset=UTF-8");
    body.writeBytes(value.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** A file part; its content type is left to the API, which decides a file's format by content. */
  MultipartBody file(String name, String fileName, byte[] content) {
    part(
        "form-data; name=\"" + quoted(name) + "\"; filename=\"" + quoted(fileName) + "\"",
        "application/octet-stream");
    body.writeBytes(content);
    return this;
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  byte[] toByteArray() {
    ByteArrayOutputStream complete = new ByteArrayOutputStream(body.size() + 64);
    complete.writeBytes(body.toByteArray());
    complete.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return complete.toByteArray();
  }

  private void part(String disposition, String contentType) {
    String head =
        (body.size() == 0 ? "" : "\r\n")
            + "--"
            + boundary
            + "\r\nContent-Disposition: "
            + disposition
            + "\r\nContent-Type: "
            + contentType
            + "\r\n\r\n";
    // Names go out as UTF-8, as browsers send them; Tomcat reads them so.
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
  }

  /** Escapes a name the way the HTML standard does for form data: quotes and line breaks. */
  private static String quoted(String name) {
    return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
  }
}
