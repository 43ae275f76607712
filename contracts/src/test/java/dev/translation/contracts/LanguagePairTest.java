package dev.translation.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LanguagePairTest {

  @Test
  void printsAsSourceDashTargetAndParsesBack() {
    LanguagePair pair = new LanguagePair("de", "en");

    assertThat(pair).hasToString("de-en");
    assertThat(LanguagePair.parse("de-en"))
        .isEqualTo(pair)
        .isEqualTo(LanguagePair.GERMAN_TO_ENGLISH);
  }

  @ParameterizedTest
  @ValueSource(strings = {"DE", "De", "deu", "d", "", " de", "x1", "qq", "zz"})
  void rejectsSourceThatIsNotALowerCaseIso6391Code(String code) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LanguagePair(code, "en"))
        .withMessageContaining("source language '" + code + "'")
        .withMessageContaining("ISO 639-1");
  }

  @Test
  void rejectsMissingTarget() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LanguagePair("de", null))
        .withMessageContaining("target language 'null'");
  }

  @Test
  void rejectsTranslatingALanguageIntoItself() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new LanguagePair("de", "de"))
        .withMessageContaining("must differ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"deen", "de-en-fr", "de_en", "-en"})
  void parseRejectsTextThatIsNotTwoCodesJoinedByADash(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> LanguagePair.parse(text));
  }

  @Test
  void knowsCodesOutsideTheStarterPair() {
    assertThat(LanguagePair.parse("fr-uk")).isEqualTo(new LanguagePair("fr", "uk"));
    assertThat(LanguagePair.isLanguageCode("ja")).isTrue();
    assertThat(LanguagePair.isLanguageCode("jp")).isFalse();
  }
}
