package dev.translation.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The wire format is the record as Jackson 3 (what Spring Boot 4 apps use) writes it. */
class TranslationBatchMessageJsonTest {

  private final JsonMapper mapper =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @Test
  void roundTripsThroughJsonWithoutAnnotationsAndCarriesNoText() {
    TranslationBatchMessage message =
        TranslationBatchMessage.of(
            "6f1c2b1e-3f43-4a8e-9a51-0b7c6c1d2e3f",
            List.of(0, 1),
            Instant.parse("2026-11-22T10:15:30.123Z"));

    String json = mapper.writeValueAsString(message);

    assertThat(json)
        .contains("\"schemaVersion\":2")
        .contains("\"segments\":[{\"index\":0},{\"index\":1}]")
        .doesNotContain("text")
        .doesNotContain("Language");
    assertThat(mapper.readValue(json, TranslationBatchMessage.class)).isEqualTo(message);
  }

  @Test
  void aVersionOneMessageIsReadAsReferencesAndItsTextAndLanguagesAreIgnored() {
    String versionOne =
        """
        {"schemaVersion":1,"jobId":"6f1c2b1e-3f43-4a8e-9a51-0b7c6c1d2e3f","sourceLanguage":"fr",
         "targetLanguage":"en","modelHint":null,"segments":[{"index":4,"text":"forged"}],
         "enqueuedAt":"2026-11-22T10:15:30Z"}
        """;

    TranslationBatchMessage read = mapper.readValue(versionOne, TranslationBatchMessage.class);

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

    assertThatThrownBy(() -> mapper.readValue(noSegments, TranslationBatchMessage.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("at least one segment");
  }
}
