package dev.translation.training.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhraseSentencesTest {

  private static List<SentencePair> sentences(String german, String english) {
    return PhraseSentences.of(new SentencePair(german, english));
  }

  @Test
  void conjugatesHabenPhraseWithBeIntoStatementsAndQuestion() {
    List<SentencePair> sentences = sentences("Durst haben", "to be thirsty");

    assertThat(sentences).hasSize(3);
    assertThat(sentences.get(0)).isEqualTo(new SentencePair("Ich habe Durst.", "I am thirsty."));
    assertThat(sentences.get(2)).isEqualTo(new SentencePair("Hast du Durst?", "Are you thirsty?"));
    assertThat(sentences.get(1))
        .isIn(
            new SentencePair("Er hat Durst.", "He is thirsty."),
            new SentencePair("Sie hat Durst.", "She is thirsty."),
            new SentencePair("Wir haben Durst.", "We are thirsty."));
  }

  @Test
  void conjugatesSeinAndWerdenAndOtherEnglishVerbs() {
    assertThat(sentences("verheiratet sein", "to be married"))
        .contains(
            new SentencePair("Ich bin verheiratet.", "I am married."),
            new SentencePair("Bist du verheiratet?", "Are you married?"));
    assertThat(sentences("müde werden", "to get tired"))
        .contains(
            new SentencePair("Ich werde müde.", "I get tired."),
            new SentencePair("Wirst du müde?", "Do you get tired?"));
    assertThat(sentences("Glück haben", "to have luck"))
        .contains(new SentencePair("Hast du Glück?", "Do you have luck?"));
  }

  @Test
  void thirdPersonFollowsEnglishSpellingRules() {
    // Every phrase below is run through the same person chosen by hash, so collect them all and
    // check the forms that came out in the third person singular.
    Set<String> english = new HashSet<>();
    for (String verb : List.of("have", "go", "fix", "carry", "play", "feel", "catch")) {
      for (int i = 0; i < 20; i++) {
        List<SentencePair> out = sentences("Wort" + letters(i) + " haben", "to " + verb + " fun");
        english.add(out.get(1).target());
      }
    }
    assertThat(english)
        .contains(
            "He has fun.",
            "She goes fun.",
            "He fixes fun.",
            "She carries fun.",
            "He plays fun.",
            "She feels fun.",
            "He catches fun.");
  }

  @Test
  void leavesOutPhrasesRulesCannotConjugate() {
    assertThat(sentences("jdm. böse sein", "to be angry with sb.")).isEmpty();
    assertThat(sentences("etw. zu tun haben", "to have to do sth.")).isEmpty();
    assertThat(sentences("sich sicher sein", "to be sure")).isEmpty();
    assertThat(sentences("seinen Willen haben", "to have one's way")).isEmpty();
    assertThat(sentences("Angst haben, zu verlieren", "to fear losing")).isEmpty();
    assertThat(sentences("Ansichten/Gewohnheiten haben", "to be set in your ways")).isEmpty();
    assertThat(sentences("Glück haben", "to be lucky (Br.)")).isEmpty();
    assertThat(sentences("Dienst haben", "to be")).isEmpty();
    assertThat(sentences("Hunger", "hunger")).isEmpty();
    assertThat(sentences("gehen", "to go")).isEmpty();
    assertThat(sentences("Ich habe Hunger.", "I'm hungry.")).isEmpty();
  }

  @Test
  void splitKeepsEachPhrasesSentencesInItsPartAndHeldOutSourcesOutOfTraining() {
    List<SentencePair> dictionary = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      dictionary.add(new SentencePair("Wort" + letters(i) + " haben", "to have word" + letters(i)));
    }
    CorpusSplit corpus = CorpusSplit.of(dictionary);

    CorpusSplit sentences = PhraseSentences.split(dictionary, corpus);

    assertThat(sentences.train()).hasSizeGreaterThan(8_000);
    assertThat(sentences.dev()).isNotEmpty();
    assertThat(sentences.test()).isNotEmpty();
    for (SentencePair phrase : dictionary) {
      List<SentencePair> derived = PhraseSentences.of(phrase);
      List<SentencePair> expectedPart =
          switch (CorpusSplit.partOf(phrase.source())) {
            case TRAIN -> sentences.train();
            case DEV -> sentences.dev();
            case TEST -> sentences.test();
          };
      assertThat(expectedPart).containsAll(derived);
    }
  }

  @Test
  void sentenceThatRepeatsAHeldOutSourceIsLeftOutOfTraining() {
    SentencePair phrase = trainPhrase();
    SentencePair heldOut =
        new SentencePair(PhraseSentences.of(phrase).get(0).source(), "a held-out translation");
    CorpusSplit corpus = new CorpusSplit(List.of(phrase), List.of(), List.of(heldOut));

    CorpusSplit sentences = PhraseSentences.split(List.of(phrase), corpus);

    assertThat(sentences.train()).hasSize(2).doesNotContain(PhraseSentences.of(phrase).get(0));
  }

  private static SentencePair trainPhrase() {
    for (int i = 0; ; i++) {
      SentencePair phrase =
          new SentencePair("Wort" + letters(i) + " haben", "to have word" + letters(i));
      if (CorpusSplit.partOf(phrase.source()) == CorpusSplit.Part.TRAIN) {
        return phrase;
      }
    }
  }

  /** Digits make a phrase unsuitable, so test phrases are told apart by letters. */
  private static String letters(int number) {
    StringBuilder letters = new StringBuilder();
    do {
      letters.append((char) ('a' + number % 26));
      number /= 26;
    } while (number > 0);
    return letters.toString();
  }
}
