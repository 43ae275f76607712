package dev.translation.submit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.submit.ApiIntegrationTest;
import dev.translation.submit.TestClient;
import dev.translation.submit.TestClient.Response;
import dev.translation.submit.jobs.CorrectSegment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CorrectionsIT extends ApiIntegrationTest {

  private static final String MODEL = "starter-de-en@4";

  @Autowired MeterRegistry meters;

  @Test
  void aCorrectionIsStoredWithItsSourceAndALaterOneReplacesIt() {
    TestClient client = newClient();
    String id =
        client.submit(List.of("Guten Morgen.", "Wie geht es dir?")).json().path("id").asString();
    translateSegment(id, 0, "Good tomorrow.", MODEL);
    double countedBefore = corrections("false");

    Response first = correct(client, id, 0, "  Good morning.  ");

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.json().path("jobId").asString()).isEqualTo(id);
    assertThat(first.json().path("segmentIndex").asInt()).isZero();
    assertThat(first.json().path("translation").asString()).isEqualTo("Good morning.");
    assertThat(first.json().path("createdAt").asString()).isNotBlank();
    assertThat(first.json().path("replaced").asBoolean()).isFalse();
    long correctionId = first.json().path("id").asLong();
    assertThat(row(id, 0))
        .containsEntry("id", correctionId)
        .containsEntry("source_lang", "de")
        .containsEntry("target_lang", "en")
        .containsEntry("source_text", "Guten Morgen.")
        .containsEntry("model_translation", "Good tomorrow.")
        .containsEntry("model_version", MODEL)
        .containsEntry("corrected_text", "Good morning.");
    assertThat(corrections("false")).isEqualTo(countedBefore + 1);

    Response second = correct(client, id, 0, "Morning!");

    assertThat(second.status()).as(second.toString()).isEqualTo(201);
    assertThat(second.json().path("id").asLong()).isEqualTo(correctionId);
    assertThat(second.json().path("replaced").asBoolean()).isTrue();
    assertThat(correctionsOf(id)).isEqualTo(1);
    assertThat(row(id, 0)).containsEntry("corrected_text", "Morning!");
  }

  @Test
  void aTextOfSeveralSentencesIsCorrectedAsTheResultShowsIt() {
    TestClient client = newClient();
    String id =
        client.submit(List.of("Guten Morgen.\nWie geht es dir?")).json().path("id").asString();
    translateSegment(id, 0, "Good morning.", MODEL);
    translateSegment(id, 1, "How are you?", MODEL);

    Response response = correct(client, id, 0, "Good morning!\nHow are you doing?");

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(row(id, 0))
        .containsEntry("source_text", "Guten Morgen.\nWie geht es dir?")
        .containsEntry("model_translation", "Good morning.\nHow are you?")
        .containsEntry("corrected_text", "Good morning!\nHow are you doing?");
  }

  @Test
  void anotherKeysJobOrAnUnknownOneIs404ExactlyLikeReadingIt() {
    TestClient owner = newClient();
    TestClient other = newClient();
    String id = owner.submit(List.of("Guten Morgen.")).json().path("id").asString();
    translateSegment(id, 0, "Good morning.", MODEL);
    String unknown = UUID.randomUUID().toString();

    Response foreign = correct(other, id, 0, "Hijacked.");
    Response missing = correct(other, unknown, 0, "Nothing.");

    assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
    assertThat(foreign.detail()).isEqualTo(other.get("/v1/jobs/" + id).detail());
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.detail()).isEqualTo(other.get("/v1/jobs/" + unknown).detail());
    assertThat(correctionsOf(id)).isZero();
  }

  @Test
  void aSegmentOutsideTheJobIs404() {
    TestClient client = newClient();
    String id = client.submit(List.of("Eins.", "Zwei.")).json().path("id").asString();
    translateSegment(id, 0, "One.", MODEL);
    translateSegment(id, 1, "Two.", MODEL);

    Response beyond = correct(client, id, 2, "Three.");
    Response negative = correct(client, id, -1, "Minus one.");

    assertThat(beyond.status()).as(beyond.toString()).isEqualTo(404);
    assertThat(beyond.detail())
        .isEqualTo(
            "job "
                + id
                + " has no segment 2: its segments are numbered 0 to 1, as GET /v1/jobs/"
                + id
                + "/result lists them");
    assertThat(negative.status()).isEqualTo(404);
    assertThat(correctionsOf(id)).isZero();
  }

  @Test
  void aSegmentThatIsNotDoneCannotBeCorrected() {
    TestClient client = newClient();
    String id = client.submit(List.of("Eins.", "Zwei.", "Drei.")).json().path("id").asString();
    failSegment(id, 1, "model exploded");

    Response pending = correct(client, id, 0, "One.");
    Response failed = correct(client, id, 1, "Two.");
    client.delete("/v1/jobs/" + id);
    Response cancelled = correct(client, id, 2, "Three.");

    assertThat(pending.status()).as(pending.toString()).isEqualTo(409);
    assertThat(pending.detail())
        .isEqualTo(
            "segment 0 of job "
                + id
                + " is pending (not translated yet); only a done segment's translation can be"
                + " corrected");
    assertThat(pending.json().path("segmentStatus").asString()).isEqualTo("pending");
    assertThat(failed.status()).isEqualTo(409);
    assertThat(failed.json().path("segmentStatus").asString()).isEqualTo("failed");
    assertThat(cancelled.status()).isEqualTo(409);
    assertThat(cancelled.json().path("segmentStatus").asString()).isEqualTo("cancelled");
    assertThat(correctionsOf(id)).isZero();
  }

  @Test
  void aBlankMissingOrOverlongCorrectionOrOneWithControlCharactersIs422() {
    TestClient client = newClient();
    String id = client.submit(List.of("Ja.")).json().path("id").asString();
    translateSegment(id, 0, "Yes.", MODEL);

    Response blank = correct(client, id, 0, " \n\t ");
    Response missing = client.post(path(id, 0), "{}");
    // 4 x 3 characters of source + 200.
    Response tooLong = correct(client, id, 0, "y".repeat(213));
    Response bell = correct(client, id, 0, "Yes\u0007.");
    Response carriageReturn = correct(client, id, 0, "Yes,\r\nindeed.");

    assertThat(blank.status()).as(blank.toString()).isEqualTo(422);
    assertThat(blank.detail()).isEqualTo("'translation' must not be blank");
    assertThat(missing.status()).as(missing.toString()).isEqualTo(422);
    assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(422);
    assertThat(tooLong.detail())
        .isEqualTo(
            "'translation' has 213 characters; a correction of this segment may have at most 212"
                + " (at most 2000, and at most 4 times the source's 3 characters plus 200)");
    assertThat(tooLong.json().path("limit").asInt()).isEqualTo(212);
    assertThat(bell.status()).isEqualTo(422);
    assertThat(bell.detail())
        .isEqualTo(
            "'translation' holds the control character U+0007 at offset 3; only tab and line"
                + " feed are allowed");
    assertThat(carriageReturn.status()).isEqualTo(422);
    assertThat(correctionsOf(id)).isZero();

    Response atTheLimit = correct(client, id, 0, "y".repeat(212));
    Response tabAndNewline = correct(client, id, 0, "Yes,\tyes.\nIndeed.");
    assertThat(atTheLimit.status()).as(atTheLimit.toString()).isEqualTo(201);
    assertThat(tabAndNewline.status()).as(tabAndNewline.toString()).isEqualTo(201);
  }

  @Test
  void theConfiguredMaximumBoundsCorrectionsOfLongSources() {
    TestClient client = newClient();
    String sentence = "Das ist ein ziemlich langer Satz über das Wetter von gestern. ";
    String text = sentence.repeat(12).strip();
    String id = client.submit(List.of(text)).json().path("id").asString();
    List<Integer> segments =
        jdbc.sql("SELECT idx FROM segments WHERE job_id = ? ORDER BY idx")
            .params(id)
            .query(Integer.class)
            .list();
    segments.forEach(index -> translateSegment(id, index, "A long sentence.", MODEL));

    Response tooLong = correct(client, id, 0, "w".repeat(2001));
    Response longest = correct(client, id, 0, "w".repeat(2000));

    assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(422);
    assertThat(tooLong.json().path("limit").asInt()).isEqualTo(2000);
    assertThat(tooLong.detail()).contains("at most 2000");
    assertThat(longest.status()).as(longest.toString()).isEqualTo(201);
  }

  @Test
  void aCorrectionThatAModelUsedCannotBeReplaced() {
    TestClient client = newClient();
    String id = client.submit(List.of("Guten Abend.")).json().path("id").asString();
    translateSegment(id, 0, "Good evening.", MODEL);
    long correctionId = correct(client, id, 0, "Good evening!").json().path("id").asLong();
    jdbc.sql(
            "UPDATE segment_corrections SET used_by_model = 'de-en-retrained@5', held_out = FALSE"
                + " WHERE id = ?")
        .params(correctionId)
        .update();

    Response again = correct(client, id, 0, "Evening!");

    assertThat(again.status()).as(again.toString()).isEqualTo(409);
    assertThat(again.detail())
        .isEqualTo(
            "the correction of segment 0 of job "
                + id
                + " was already used to train de-en-retrained@5 and can no longer be replaced");
    assertThat(again.json().path("usedByModel").asString()).isEqualTo("de-en-retrained@5");
    assertThat(row(id, 0)).containsEntry("corrected_text", "Good evening!");
  }

  private static String path(String jobId, int index) {
    return "/v1/jobs/" + jobId + "/segments/" + index + "/correction";
  }

  private static Response correct(TestClient client, String jobId, int index, String translation) {
    return client.post(
        path(jobId, index), TestClient.JSON.writeValueAsString(Map.of("translation", translation)));
  }

  private Map<String, Object> row(String jobId, int index) {
    return jdbc.sql(
            "SELECT id, source_lang, target_lang, source_text, model_translation, model_version,"
                + " corrected_text FROM segment_corrections WHERE job_id = ? AND segment_idx = ?")
        .params(jobId, index)
        .query()
        .singleRow();
  }

  private long correctionsOf(String jobId) {
    return jdbc.sql("SELECT COUNT(*) FROM segment_corrections WHERE job_id = ?")
        .params(jobId)
        .query(Long.class)
        .single();
  }

  private double corrections(String replaced) {
    Counter counter =
        meters
            .find(CorrectSegment.CORRECTIONS_METRIC)
            .tags("language.pair", "de-en", "replaced", replaced)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
