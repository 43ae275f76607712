package dev.translation.submit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.submit.ApiIntegrationTest;
import dev.translation.submit.TestClient;
import dev.translation.submit.TestClient.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

class CancelIT extends ApiIntegrationTest {

  @Test
  void cancelTurnsPendingSegmentsIntoCancelledAndKeepsTranslatedOnes() {
    TestClient client = newClient();
    String id = client.submit(List.of("eins", "zwei", "drei")).json().path("id").asString();
    translateSegment(id, 0, "one", "starter-de-en:1");

    Response cancelled = client.delete("/v1/jobs/" + id);

    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    assertThat(cancelled.json().path("status").asString()).isEqualTo("cancelled");
    assertThat(cancelled.json().path("counts").path("cancelled").asInt()).isEqualTo(2);
    assertThat(cancelled.json().path("counts").path("done").asInt()).isEqualTo(1);
    assertThat(cancelled.json().path("finishedAt").asString()).isNotBlank();
    assertThat(List.of(segmentStatus(id, 0), segmentStatus(id, 1), segmentStatus(id, 2)))
        .containsExactly("DONE", "CANCELLED", "CANCELLED");
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM outbox WHERE aggregate_id = ? AND published_at IS NULL")
                .params(id)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void cancellingTwiceIsIdempotent() {
    TestClient client = newClient();
    String id = client.submit(List.of("eins", "zwei")).json().path("id").asString();

    Response first = client.delete("/v1/jobs/" + id);
    Response second = client.delete("/v1/jobs/" + id);

    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().path("status").asString()).isEqualTo("cancelled");
    assertThat(second.json().path("counts")).isEqualTo(first.json().path("counts"));
    assertThat(second.json().path("counts").path("cancelled").asInt()).isEqualTo(2);
  }

  @Test
  void cancellingAFinishedJobIs409() {
    TestClient client = newClient();
    String id = client.submit(List.of("eins")).json().path("id").asString();
    translateSegment(id, 0, "one", "starter-de-en:1");

    Response response = client.delete("/v1/jobs/" + id);

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.detail())
        .isEqualTo(
            "job "
                + id
                + " already finished with status succeeded; there is nothing left to cancel");
    assertThat(segmentStatus(id, 0)).isEqualTo("DONE");
  }
}
