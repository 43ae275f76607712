package dev.translation.submit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.submit.ApiIntegrationTest;
import dev.translation.submit.TestClient;
import dev.translation.submit.TestClient.Response;
import dev.translation.submit.security.IssuedApiKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestValidationIT extends ApiIntegrationTest {

  private Response submit(TestClient client, String body) {
    return client.post("/v1/translations", body);
  }

  private static void assertProblem(Response response, int status, String... detailContains) {
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().path("status").asInt()).isEqualTo(status);
    assertThat(response.detail()).contains(detailContains);
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.");
  }

  @Test
  void malformedJsonIs400NamingWhere() {
    Response response = submit(newClient(), "{\"texts\": [\"Hallo\", ");

    assertProblem(response, 400, "malformed JSON", "line 1");
  }

  @Test
  void wrongTypesAre400NamingTheField() {
    TestClient client = newClient();

    assertProblem(
        submit(client, "{\"texts\": \"Hallo\", \"source\": \"de\", \"target\": \"en\"}"),
        400,
        "field 'texts' has the wrong type: expected an array");
    assertProblem(
        submit(client, "{\"texts\": [\"Hallo\", 42], \"source\": \"de\", \"target\": \"en\"}"),
        400,
        "field 'texts[1]' has the wrong type: expected a string");
    assertProblem(submit(client, "[\"Hallo\"]"), 400, "must be a JSON object");
  }

  @Test
  void emptyOrMissingTextsAre422() {
    TestClient client = newClient();

    assertProblem(
        submit(client, "{\"texts\": [], \"source\": \"de\", \"target\": \"en\"}"),
        422,
        "'texts' is empty: send 1 to 1000 strings");
    assertProblem(
        submit(client, "{\"source\": \"de\", \"target\": \"en\"}"), 422, "'texts' is required");
  }

  @Test
  void nullElementsAreRejectedWithTheirIndex() {
    Response response =
        submit(newClient(), "{\"texts\": [\"a\", null], \"source\": \"de\", \"target\": \"en\"}");

    assertProblem(response, 422, "texts[1] is null");
    assertThat(response.json().path("index").asInt()).isEqualTo(1);
  }

  @Test
  void tooManyTextsAre422NamingTheLimit() {
    IssuedApiKey key = newKey();
    apiKeyRepository.updateLimits(key.id(), 5, null, null);

    Response response = client(key).submit(texts(6));

    assertProblem(response, 422, "'texts' has 6 elements; at most 5 are allowed");
    assertThat(response.json().path("limit").asInt()).isEqualTo(5);
  }

  @Test
  void anOverLongTextIs422NamingItsIndexAndTheLimit() {
    IssuedApiKey key = newKey();
    apiKeyRepository.updateLimits(key.id(), null, 10, null);

    Response response = client(key).submit(List.of("kurz", "viel zu lang für das Limit"));

    assertProblem(response, 422, "texts[1] has 26 characters; at most 10 are allowed");
    assertThat(response.json().path("index").asInt()).isEqualTo(1);
  }

  @Test
  void theDefaultCharacterLimitComesFromConfiguration() {
    Response response = newClient().submit(List.of("x".repeat(10_001)));

    assertProblem(response, 422, "texts[0] has 10001 characters; at most 10000 are allowed");
  }

  @Test
  void anUnsupportedLanguagePairIs422NamingTheSupportedOnes() {
    Response response =
        submit(newClient(), "{\"texts\": [\"Bonjour\"], \"source\": \"fr\", \"target\": \"en\"}");

    assertProblem(response, 422, "language pair 'fr-en' is not supported; supported pairs: de-en");
  }

  @Test
  void anOversizedBodyIs413() {
    Response response = newClient().submit(List.of("x".repeat(1_100_000)));

    assertProblem(response, 413, "exceeds the limit of 1048576 bytes");
  }

  @Test
  void aMissingKeyIs401WithAChallenge() {
    Response response = submit(anonymousClient(), TestClient.submitBody(List.of("Hallo")));

    assertProblem(response, 401, "missing API key", "Authorization: Bearer");
    assertThat(response.header("WWW-Authenticate")).startsWith("Bearer realm=");
  }

  @Test
  void aBadOrRevokedKeyIs401() {
    IssuedApiKey revoked = newKey();
    apiKeys.revoke(revoked.id());
    TestClient wrong = new TestClient(port, "tk_not-a-real-key");

    Response bad = wrong.get("/v1/jobs");
    Response gone = client(revoked).get("/v1/jobs");

    assertProblem(bad, 401, "invalid or revoked");
    assertThat(bad.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    assertProblem(gone, 401, "invalid or revoked");
  }

  @Test
  void theXApiKeyHeaderWorksToo() {
    IssuedApiKey key = newKey();
    TestClient viaHeader = anonymousClient().withHeader("X-API-Key", key.secret());

    assertThat(viaHeader.get("/v1/jobs").status()).isEqualTo(200);
  }

  @Test
  void controlCharactersAndUnpairedSurrogatesAreAccepted() {
    Response response =
        submit(
            newClient(),
            "{\"texts\": [\"Hallo\\u0000Welt\\u0007\", \"kaputt \\ud800 hier\"], \"source\":"
                + " \"de\", \"target\": \"en\"}");

    assertThat(response.status()).as(response.toString()).isEqualTo(202);
  }

  @Test
  void aBadWaitParameterIs400() {
    Response response =
        newClient().post("/v1/translations?wait=soon", TestClient.submitBody(List.of("Hallo")));

    assertProblem(response, 400, "'wait' is 'soon'; use a duration such as 2s, 500ms or PT2S");
  }

  @Test
  void aWrongQueryParameterTypeIs400() {
    assertProblem(
        newClient().get("/v1/jobs?page=first"), 400, "parameter 'page' must be an integer");
  }
}
