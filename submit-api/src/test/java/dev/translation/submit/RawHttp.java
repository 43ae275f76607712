package dev.translation.submit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * HTTP/1.1 over a plain socket, for requests an HTTP client would refuse or normalise (malformed
 * request lines and headers, path parameters, chunked bodies of a chosen size, a chosen source
 * address). Reads exactly one response, framed by its Content-Length or chunked encoding.
 */
public final class RawHttp {

  private final int port;
  private final InetAddress localAddress;

  public RawHttp(int port) {
    this(port, null);
  }

  private RawHttp(int port, InetAddress localAddress) {
    this.port = port;
    this.localAddress = localAddress;
  }

  /** A copy whose connections come from this local address, e.g. 127.0.0.7. */
  public RawHttp from(InetAddress address) {
    return new RawHttp(port, address);
  }

  /** Opens a connection to the server, from the local address if one was chosen. */
  public Socket connect() throws IOException {
    Socket socket = new Socket();
    if (localAddress != null) {
      socket.bind(new InetSocketAddress(localAddress, 0));
    }
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
    socket.setSoTimeout(15_000);
    return socket;
  }

  /** Sends the request text (ISO-8859-1, as HTTP/1.1 headers are) and reads the response. */
  public Response send(String request) {
    return send(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  public Response send(byte[] request) {
    return send(request, new byte[0], 0);
  }

  /**
   * Sends the request head, then {@code chunks} chunks of {@code chunk} as a chunked body (the head
   * must say {@code Transfer-Encoding: chunked}), and reads the response. Stops sending when the
   * server has closed its side, as it may after answering early.
   */
  public Response send(byte[] head, byte[] chunk, int chunks) {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(head);
      try {
        if (chunks > 0) {
          byte[] size =
              (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
          for (int i = 0; i < chunks; i++) {
            out.write(size);
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          }
          out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
      } catch (IOException e) {
        // The server answered and stopped reading before the body ended; its answer is waiting.
      }
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends the requests on one connection back to back, without waiting for answers (pipelining), so
   * the server handles them with next to no time in between, and reads their responses.
   */
  public List<Response> sendAll(String... requests) {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(String.join("", requests).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      List<Response> responses = new ArrayList<>();
      for (int i = 0; i < requests.length; i++) {
        responses.add(read(socket.getInputStream()));
      }
      return responses;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request head with {@code Host} and the given header lines. */
  public static String head(String method, String target, String... headerLines) {
    StringBuilder head =
        new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
    for (String line : headerLines) {
      head.append(line).append("\r\n");
    }
    return head.append("\r\n").toString();
  }

  private static Response read(InputStream in) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.merge(
          line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).strip(),
          (a, b) -> a + ", " + b);
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream decoded = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(line(in).strip(), 16);
          size > 0;
          size = Integer.parseInt(line(in).strip(), 16)) {
        decoded.write(in.readNBytes(size));
        line(in);
      }
      for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
        // Trailer fields, up to the empty line that ends the response.
      }
      body = decoded.toByteArray();
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = in.readAllBytes();
    }
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed before the response ended");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  /**
   * A response.
   *
   * @param status the status code
   * @param headers header values by lower-case name
   * @param body the body as UTF-8 text
   */
  public record Response(int status, Map<String, String> headers, String body) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String contentType() {
      return header("Content-Type");
    }

    public JsonNode json() {
      return TestClient.JSON.readTree(body);
    }

    public String detail() {
      return json().path("detail").asString();
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + body;
    }
  }
}
