package dev.translation.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;

/** The wire format is each record as Jackson 3 (what Spring Boot 4 apps use) writes it. */
class WireFormatTest {

  private static TranslationBatchMessage read(String json) {
    return WireFormat.readTranslationBatch(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void roundTripsThroughJsonWithoutAnnotationsAndCarriesNoText() {
    TranslationBatchMessage message =
        TranslationBatchMessage.of(
            "6f1c2b1e-3f43-4a8e-9a51-0b7c6c1d2e3f",
            List.of(0, 1),
            Instant.parse("2026-11-22T10:15:30.123Z"));

    String json = WireFormat.write(message);

    assertThat(json)
        .contains("\"schemaVersion\":2")
        .contains("\"segments\":[{\"index\":0},{\"index\":1}]")
        .doesNotContain("text")
        .doesNotContain("Language");
    assertThat(read(json)).isEqualTo(message);
  }

  @Test
  void aVersionOneMessageIsReadAsReferencesAndItsTextAndLanguagesAreIgnored() {
    String versionOne =
        """
        {"schemaVersion":1,"jobId":"6f1c2b1e-3f43-4a8e-9a51-0b7c6c1d2e3f","sourceLanguage":"fr",
         "targetLanguage":"en","modelHint":null,"segments":[{"index":4,"text":"forged"}],
         "enqueuedAt":"2026-11-22T10:15:30Z"}
        """;

    TranslationBatchMessage read = read(versionOne);

    assertThat(read.indexes()).containsExactly(4);
    assertThat(read.toString()).doesNotContain("forged").doesNotContain("fr");
  }

  @Test
  void aMalformedMessageFailsToDeserialiseSoItCanBeDeadLettered() {
    String noSegments =
        """
        {"schemaVersion":2,"jobId":"6f1c2b1e-3f43-4a8e-9a51-0b7c6c1d2e3f","segments":[],
         "enqueuedAt":"2026-11-22T10:15:30Z"}
        """;

    assertThatThrownBy(() -> read(noSegments))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("at least one segment");
  }

  @Test
  void aJobEventRoundTripsAndAnUnknownFieldIsIgnored() {
    JobFinishedEvent event =
        JobFinishedEvent.of(
            "6f1c2b1e-3f43-4a8e-9a51-0b7c6c1d2e3f",
            JobStatus.SUCCEEDED,
            Instant.parse("2026-11-22T10:15:30Z"));

    String json = WireFormat.write(event);

    assertThat(WireFormat.readJobFinished(json)).isEqualTo(event);
    assertThat(WireFormat.readJobFinished(json.replace("{", "{\"addedLater\":1,")))
        .isEqualTo(event);
  }

  @Test
  void aJobEventWithAStatusThatIsNotFinalIsRefused() {
    String running =
        """
        {"schemaVersion":1,"jobId":"6f1c2b1e-3f43-4a8e-9a51-0b7c6c1d2e3f","status":"RUNNING",
         "finishedAt":"2026-11-22T10:15:30Z"}
        """;

    assertThatThrownBy(() -> WireFormat.readJobFinished(running))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("not final");
  }

  @Test
  void aRecordWithoutAValueIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> WireFormat.readTranslationBatch(null))
        .hasMessage("record has no value");
  }
}
