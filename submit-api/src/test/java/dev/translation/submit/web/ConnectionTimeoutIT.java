package dev.translation.submit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.submit.ApiIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** A client that starts a request and then stalls is disconnected after the connection timeout. */
@TestPropertySource(properties = "server.tomcat.connection-timeout=2s")
class ConnectionTimeoutIT extends ApiIntegrationTest {

  /** Sends {@code start}, then nothing, and measures how long until the server hangs up. */
  private Duration stallAfter(String start) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      long started = System.nanoTime();
      InputStream in = socket.getInputStream();
      try {
        while (in.read() >= 0) {
          // Whatever the server says before it closes (if anything) does not matter here.
        }
      } catch (SocketException reset) {
        // A reset is a hang-up too.
      }
      return Duration.ofNanos(System.nanoTime() - started);
    }
  }

  @Test
  void aPartialRequestLineIsDisconnectedAfterTheTimeout() throws IOException {
    Duration open = stallAfter("GET /v1/jo");

    assertThat(open).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
  }

  @Test
  void partialHeadersAreDisconnectedAfterTheTimeout() throws IOException {
    Duration open = stallAfter("GET /v1/jobs HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1");

    assertThat(open).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
  }

  @Test
  void aConnectionThatSendsNothingIsDisconnectedAfterTheTimeout() throws IOException {
    Duration open = stallAfter("");

    assertThat(open).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(6));
  }
}
