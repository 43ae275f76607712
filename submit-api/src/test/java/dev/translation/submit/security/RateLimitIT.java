package dev.translation.submit.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.submit.ApiIntegrationTest;
import dev.translation.submit.TestClient;
import dev.translation.submit.TestClient.Response;
import org.junit.jupiter.api.Test;

class RateLimitIT extends ApiIntegrationTest {

  @Test
  void requestsAboveTheKeysRateAre429WithRetryAfter() {
    IssuedApiKey key = newKey();
    apiKeyRepository.updateLimits(key.id(), null, null, 3);
    TestClient client = client(key);
    TestClient other = newClient();

    for (int i = 0; i < 3; i++) {
      assertThat(client.get("/v1/jobs").status()).isEqualTo(200);
    }
    Response limited = client.get("/v1/jobs");

    assertThat(limited.status()).isEqualTo(429);
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(limited.detail()).contains("rate limit of 3 requests per minute");
    assertThat(other.get("/v1/jobs").status()).as("other keys are unaffected").isEqualTo(200);
  }
}
