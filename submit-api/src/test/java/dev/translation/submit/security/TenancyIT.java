package dev.translation.submit.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.submit.ApiIntegrationTest;
import dev.translation.submit.TestClient;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenancyIT extends ApiIntegrationTest {

  @Test
  void aKeyCannotSeeFetchListOrCancelAnotherKeysJob() {
    TestClient a = newClient();
    TestClient b = newClient();
    String jobOfB = b.submit(List.of("Geheim")).json().path("id").asString();
    String jobOfA = a.submit(List.of("Meins")).json().path("id").asString();

    assertThat(a.get("/v1/jobs/" + jobOfB).status()).isEqualTo(404);
    assertThat(a.get("/v1/jobs/" + jobOfB).detail()).contains("no job with id '" + jobOfB + "'");
    assertThat(a.get("/v1/jobs/" + jobOfB + "/result").status()).isEqualTo(404);
    assertThat(a.delete("/v1/jobs/" + jobOfB).status()).isEqualTo(404);
    assertThat(segmentStatus(jobOfB, 0)).isEqualTo("PENDING");
    assertThat(b.get("/v1/jobs/" + jobOfB).json().path("status").asString()).isEqualTo("queued");

    assertThat(
            a.get("/v1/jobs").json().path("items").valueStream().map(j -> j.path("id").asString()))
        .containsExactly(jobOfA);
    assertThat(
            b.get("/v1/jobs").json().path("items").valueStream().map(j -> j.path("id").asString()))
        .containsExactly(jobOfB);
  }

  @Test
  void aJobIdThatIsNotAUuidIsSimplyNotFound() {
    assertThat(newClient().get("/v1/jobs/not-a-job").status()).isEqualTo(404);
  }
}
