package dev.translation.submit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.submit.ApiIntegrationTest;
import dev.translation.submit.TestClient;
import dev.translation.submit.TestClient.Response;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdempotencyIT extends ApiIntegrationTest {

  private long jobsWithKey(String idempotencyKey) {
    return jdbc.sql("SELECT COUNT(*) FROM jobs WHERE idempotency_key = ?")
        .params(idempotencyKey)
        .query(Long.class)
        .single();
  }

  @Test
  void aRetriedSubmitReturnsTheSameJobAndCreatesNoSecond() {
    String key = UUID.randomUUID().toString();
    TestClient client = newClient().withHeader("Idempotency-Key", key);

    Response first = client.submit(List.of("Hallo", "Welt"));
    Response retry = client.submit(List.of("Hallo", "Welt"));

    assertThat(first.status()).isEqualTo(202);
    assertThat(retry.status()).isEqualTo(202);
    assertThat(retry.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
    assertThat(jobsWithKey(key)).isEqualTo(1);
  }

  @Test
  void theSameKeyWithADifferentBodyIs422() {
    String key = UUID.randomUUID().toString();
    TestClient client = newClient().withHeader("Idempotency-Key", key);
    String firstId = client.submit(List.of("Hallo")).json().path("id").asString();

    Response response = client.submit(List.of("Tschüss"));

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.detail())
        .contains("Idempotency-Key '" + key + "' was already used for a different request")
        .contains(firstId);
    assertThat(jobsWithKey(key)).isEqualTo(1);
  }

  @Test
  void concurrentIdenticalSubmitsCreateOneJob() {
    String key = UUID.randomUUID().toString();
    TestClient client = newClient().withHeader("Idempotency-Key", key);
    String body = TestClient.submitBody(texts(50));

    List<CompletableFuture<Response>> responses =
        IntStream.range(0, 6).mapToObj(i -> client.postAsync("/v1/translations", body)).toList();

    List<String> ids =
        responses.stream()
            .map(CompletableFuture::join)
            .peek(r -> assertThat(r.status()).as(r.toString()).isEqualTo(202))
            .map(r -> r.json().path("id").asString())
            .distinct()
            .toList();
    assertThat(ids).hasSize(1);
    assertThat(jobsWithKey(key)).isEqualTo(1);
  }

  @Test
  void theSameIdempotencyKeyOfAnotherApiKeyIsAnotherJob() {
    String key = UUID.randomUUID().toString();

    String a =
        newClient()
            .withHeader("Idempotency-Key", key)
            .submit(List.of("Hallo"))
            .json()
            .path("id")
            .asString();
    String b =
        newClient()
            .withHeader("Idempotency-Key", key)
            .submit(List.of("Hallo"))
            .json()
            .path("id")
            .asString();

    assertThat(a).isNotEqualTo(b);
  }
}
