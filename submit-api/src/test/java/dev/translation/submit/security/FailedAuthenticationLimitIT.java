package dev.translation.submit.security;

import static dev.translation.submit.RawHttp.head;
import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.submit.ApiIntegrationTest;
import dev.translation.submit.RawHttp;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each test sends from a loopback address of its own (the whole 127.0.0.0/8 is loopback), so the
 * per-address budget is not shared with the other tests, which all come from 127.0.0.1.
 */
class FailedAuthenticationLimitIT extends ApiIntegrationTest {

  private RawHttp from(String address) throws UnknownHostException {
    return raw().from(InetAddress.getByName(address));
  }

  private static String jobs(String key) {
    return head("GET", "/v1/jobs", "Authorization: Bearer " + key);
  }

  @Test
  void anAddressOverItsFailedAuthenticationsIsRefusedWith429BeforeAnyKeyLookup() throws Exception {
    RawHttp client = from("127.0.0.21");
    String valid = newKey().secret();

    for (int i = 0; i < 30; i++) {
      assertThat(client.send(jobs("tk_wrong-" + i)).status()).as("attempt %d", i).isEqualTo(401);
    }
    // A failure refills every 2 s; a slow machine may get one more try before the refusal.
    List<RawHttp.Response> answers = List.of();
    for (int attempt = 0; attempt < 5; attempt++) {
      // Back to back on one connection: the valid key follows the refused one within a millisecond.
      answers = client.sendAll(jobs("tk_wrong-again"), jobs(valid));
      if (answers.getFirst().status() != 401) {
        break;
      }
    }
    RawHttp.Response refused = answers.getFirst();

    assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.detail())
        .contains("too many failed authentications from this address (at most 30 per minute)");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(answers.get(1).status())
        .as("a valid key from the refused address is not even looked up")
        .isEqualTo(429);
    assertThat(from("127.0.0.22").send(jobs("tk_wrong")).status())
        .as("other addresses are unaffected")
        .isEqualTo(401);
  }

  @Test
  void requestsWithAValidKeyDoNotCountAsFailures() throws Exception {
    RawHttp client = from("127.0.0.23");
    String valid = newKey().secret();

    for (int i = 0; i < 40; i++) {
      assertThat(client.send(jobs(valid)).status()).isEqualTo(200);
    }
    for (int i = 0; i < 30; i++) {
      assertThat(client.send(jobs("tk_wrong-" + i)).status()).as("attempt %d", i).isEqualTo(401);
    }
  }
}
