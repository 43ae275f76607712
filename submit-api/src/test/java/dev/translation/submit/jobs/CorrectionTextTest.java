package dev.translation.submit.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CorrectionTextTest {

  @Test
  void trimsAndKeepsTabsAndLineFeedsInside() {
    assertThat(CorrectionText.check("  Good\tmorning.\nHow are you?\n ", "Guten Morgen.", 2000))
        .isEqualTo("Good\tmorning.\nHow are you?");
  }

  @Test
  void theLimitIsTheSmallerOfTheMaximumAndFourTimesTheSourcePlus200() {
    String source = "x".repeat(10);

    assertThat(CorrectionText.check("y".repeat(240), source, 2000)).hasSize(240);
    assertThatThrownBy(() -> CorrectionText.check("y".repeat(241), source, 2000))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(
            e -> assertThat(((InvalidRequestException) e).details()).containsEntry("limit", 240));
    assertThatThrownBy(() -> CorrectionText.check("y".repeat(101), source, 100))
        .satisfies(
            e -> assertThat(((InvalidRequestException) e).details()).containsEntry("limit", 100));
  }

  @Test
  void countsCharactersAsCodePoints() {
    // 212 emoji are 424 UTF-16 chars but 212 characters, the limit for a 3-character source.
    assertThat(CorrectionText.check("😀".repeat(212), "Ja.", 2000)).hasSize(424);
  }

  @Test
  void refusesBlankControlCharactersAndUnpairedSurrogates() {
    assertThatThrownBy(() -> CorrectionText.check(null, "Ja.", 2000))
        .hasMessageContaining("'translation' is required");
    assertThatThrownBy(() -> CorrectionText.check(" \t\n", "Ja.", 2000))
        .hasMessage("'translation' must not be blank");
    assertThatThrownBy(() -> CorrectionText.check("a\u0000b", "Ja.", 2000))
        .hasMessageContaining("U+0000 at offset 1");
    assertThatThrownBy(() -> CorrectionText.check("a\rb", "Ja.", 2000))
        .hasMessageContaining("U+000D");
    assertThatThrownBy(() -> CorrectionText.check("a\u009bb", "Ja.", 2000))
        .hasMessageContaining("U+009B");
    assertThatThrownBy(() -> CorrectionText.check("a\ud800b", "Ja.", 2000))
        .hasMessageContaining("unpaired surrogate at offset 1");
  }
}
