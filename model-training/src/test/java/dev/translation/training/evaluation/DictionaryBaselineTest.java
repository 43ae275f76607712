package dev.translation.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.training.corpus.SentencePair;
import java.util.List;
import org.junit.jupiter.api.Test;

class DictionaryBaselineTest {

  private static SentencePair pair(String german, String english) {
    return new SentencePair(german, english);
  }

  @Test
  void translatesIchHabeHungerWordByWord() {
    DictionaryBaseline baseline =
        DictionaryBaseline.build(
            List.of(
                pair("ich", "I"),
                pair("habe", "have"),
                pair("Hunger", "hunger"),
                pair("Hunger", "hunger"),
                pair("Hunger", "appetite"),
                // Multi-word sources are not dictionary entries and must not interfere.
                pair("Ich habe Hunger.", "I'm hungry."),
                pair("Hunger haben", "to be hungry")));

    assertThat(baseline.translate("Ich habe Hunger")).isEqualTo("I have hunger");
    assertThat(baseline.translate("  ich   habe Hunger. ")).isEqualTo("I have hunger.");
    assertThat(baseline.size()).isEqualTo(3);
  }

  @Test
  void prefersExactCaseThenFallsBackToLowercase() {
    DictionaryBaseline baseline =
        DictionaryBaseline.build(List.of(pair("Essen", "food"), pair("essen", "to eat")));

    assertThat(baseline.translate("wir essen")).isEqualTo("Wir to eat");
    assertThat(baseline.translate("das Essen")).isEqualTo("Das food");
    // "ESSEN" is unknown as spelled; both lowercase translations occur once, so the shorter wins.
    assertThat(baseline.translate("ESSEN")).isEqualTo("Food");
  }

  @Test
  void picksMostFrequentTranslationWithDeterministicTies() {
    List<SentencePair> training =
        List.of(
            pair("Bank", "bench"),
            pair("Bank", "bank"),
            pair("Bank", "bench"),
            pair("Haus", "house"),
            pair("Haus", "home"),
            pair("Weg", "path"),
            pair("Weg", "road"));

    DictionaryBaseline baseline = DictionaryBaseline.build(training);
    DictionaryBaseline reversed = DictionaryBaseline.build(training.reversed());

    assertThat(baseline.translateAll(List.of("Bank", "Haus", "Weg")))
        .containsExactly("Bench", "Home", "Path")
        .isEqualTo(reversed.translateAll(List.of("Bank", "Haus", "Weg")));
  }

  @Test
  void keepsPunctuationAndUnknownWordsInPlace() {
    DictionaryBaseline baseline =
        DictionaryBaseline.build(
            List.of(pair("wo", "where"), pair("Toilette", "toilet"), pair("z.B.", "e.g.")));

    assertThat(baseline.translate("Wo ist die Toilette?")).isEqualTo("Where ist die toilet?");
    assertThat(baseline.translate("„wo“ (Toilette), z.B.")).isEqualTo("„Where“ (toilet), e.g.");
    assertThat(baseline.translate("3 Toiletten")).isEqualTo("3 Toiletten");
    assertThat(baseline.translate("")).isEmpty();
  }

  @Test
  void translateAllKeepsOrder() {
    DictionaryBaseline baseline =
        DictionaryBaseline.build(List.of(pair("eins", "one"), pair("zwei", "two")));

    assertThat(baseline.translateAll(List.of("zwei", "eins", "drei")))
        .containsExactly("Two", "One", "Drei");
  }
}
