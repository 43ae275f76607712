package dev.translation.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.contracts.TranslationBatchMessage.Segment;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/** The wire format is the record as Jackson 3 (what Spring Boot 4 apps use) writes it. */
class TranslationBatchMessageJsonTest {

  private final JsonMapper mapper = JsonMapper.builder().build();

  @Test
  void roundTripsThroughJsonWithoutAnnotations() {
    TranslationBatchMessage message =
        TranslationBatchMessage.of(
            "6f1c2b1e-3f43-4a8e-9a51-0b7c6c1d2e3f",
            LanguagePair.GERMAN_TO_ENGLISH,
            "starter-de-en:1",
            List.of(new Segment(0, "Guten Morgen."), new Segment(1, "Wie geht's?")),
            Instant.parse("2026-11-22T10:15:30.123Z"));

    String json = mapper.writeValueAsString(message);

    assertThat(json)
        .contains("\"schemaVersion\":1")
        .contains("\"sourceLanguage\":\"de\"")
        .contains("\"segments\":[{\"index\":0,\"text\":\"Guten Morgen.\"}")
        .doesNotContain("languages");
    assertThat(mapper.readValue(json, TranslationBatchMessage.class)).isEqualTo(message);
  }

  @Test
  void aMalformedMessageFailsToDeserialiseSoItCanBeDeadLettered() {
    String noSegments =
        """
        {"schemaVersion":1,"jobId":"j","sourceLanguage":"de","targetLanguage":"en",
         "modelHint":null,"segments":[],"enqueuedAt":"2026-11-22T10:15:30Z"}
        """;

    assertThatThrownBy(() -> mapper.readValue(noSegments, TranslationBatchMessage.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("at least one segment");
  }
}
