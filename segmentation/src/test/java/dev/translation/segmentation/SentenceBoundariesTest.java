package dev.translation.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentenceBoundariesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Das ist z. B. ein Test. Und noch einer.|Das ist z. B. ein Test.|Und noch einer.",
        "Das heißt, d. h. wir gehen. Morgen.|Das heißt, d. h. wir gehen.|Morgen.",
        "Er wohnt in Nr. 5. Sie nicht.|Er wohnt in Nr. 5.|Sie nicht.",
        "Dr. Müller kommt. Er ist da.|Dr. Müller kommt.|Er ist da.",
        "Am 3. Oktober ist Feiertag. Dann frei.|Am 3. Oktober ist Feiertag.|Dann frei.",
        "Wir trafen uns am 24. Dez. 2020. Schön war's!|Wir trafen uns am 24. Dez. 2020.|Schön war's!",
        "Prof. Dr. Schmidt, vgl. S. 12, spricht. Danke.|Prof. Dr. Schmidt, vgl. S. 12, spricht.|Danke.",
        "Der 2. und der dritte Platz gehen an uns. Gut.|Der 2. und der dritte Platz gehen an uns.|Gut."
      })
  void germanAbbreviationsAndOrdinalsDoNotEndASentence(String text, String first, String second) {
    assertThat(SentenceBoundaries.sentences(text, Locale.GERMAN)).containsExactly(first, second);
  }

  @Test
  void aSentenceEndingInANumberOrInUswStillEnds() {
    assertThat(SentenceBoundaries.sentences("Lies Seite 3. Weiter geht es.", Locale.GERMAN))
        .containsExactly("Lies Seite 3.", "Weiter geht es.");
    assertThat(SentenceBoundaries.sentences("Äpfel, Birnen usw. Dann gehen wir.", Locale.GERMAN))
        .containsExactly("Äpfel, Birnen usw.", "Dann gehen wir.");
    assertThat(SentenceBoundaries.sentences("Wo ist der Bahnhof? Ich habe Hunger!", Locale.GERMAN))
        .containsExactly("Wo ist der Bahnhof?", "Ich habe Hunger!");
  }

  @Test
  void otherLanguagesKeepIcusBreaks() {
    assertThat(SentenceBoundaries.sentences("See p. 3. It works.", Locale.ENGLISH))
        .containsExactly("See p.", "3.", "It works.");
  }
}
