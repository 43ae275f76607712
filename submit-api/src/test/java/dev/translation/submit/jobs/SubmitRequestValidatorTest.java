package dev.translation.submit.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.submit.config.ApiProperties;
import dev.translation.submit.security.ApiKey;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmitRequestValidatorTest {

  private final SubmitRequestValidator validator =
      new SubmitRequestValidator(
          new ApiProperties(
              List.of("de-en", "en-de"),
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null));
  private final ApiKey.KeyLimits limits = new ApiKey.KeyLimits(3, 5, 60);

  private ValidRequest validate(List<String> texts, String source, String target) {
    return validator.validate(new SubmitRequest(texts, source, target, null, null), limits);
  }

  @Test
  void normalisesLanguageCodes() {
    ValidRequest valid = validate(List.of("Hallo"), " DE", "En");

    assertThat(valid.source()).isEqualTo("de");
    assertThat(valid.target()).isEqualTo("en");
  }

  @Test
  void countsCharactersAsCodePoints() {
    // Five emoji are ten UTF-16 chars but five characters.
    assertThat(validate(List.of("😀😀😀😀😀"), "de", "en").texts()).hasSize(1);
  }

  @Test
  void explainsEachBrokenRule() {
    assertThatThrownBy(() -> validate(List.of(), "de", "en"))
        .hasMessageContaining("'texts' is empty");
    assertThatThrownBy(() -> validate(List.of("a", "b", "c", "d"), "de", "en"))
        .hasMessageContaining("'texts' has 4 elements; at most 3 are allowed");
    assertThatThrownBy(() -> validate(Arrays.asList("a", null), "de", "en"))
        .hasMessageContaining("texts[1] is null");
    assertThatThrownBy(() -> validate(List.of("ok", "zu lang"), "de", "en"))
        .hasMessageContaining("texts[1] has 7 characters; at most 5 are allowed");
    assertThatThrownBy(() -> validate(List.of("a"), "fr", "en"))
        .hasMessageContaining("supported pairs: de-en, en-de");
    assertThatThrownBy(() -> validate(List.of("a"), null, "en"))
        .hasMessageContaining("'source' is required");
    assertThatThrownBy(
            () ->
                validator.validate(
                    new SubmitRequest(List.of("a"), "de", "en", "urgent", null), limits))
        .hasMessageContaining("allowed values: interactive, batch");
  }
}
