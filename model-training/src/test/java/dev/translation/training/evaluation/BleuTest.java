package dev.translation.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class BleuTest {

  private static double bleu(String hypothesis, String reference) {
    return Bleu.corpusScore(List.of(hypothesis), List.of(reference));
  }

  @Test
  void identicalSentencesScore100() {
    assertThat(
            Bleu.corpusScore(
                List.of("The cat sat on the mat.", "Ich habe Hunger, sagte er."),
                List.of("The cat sat on the mat.", "Ich habe Hunger, sagte er.")))
        .isCloseTo(100.0, within(1e-9));
  }

  @Test
  void clippedPrecisionsByHand() {
    // hyp "the cat sat on the mat" vs ref "the cat sat on a mat", equal length so BP = 1:
    //   1-grams: "the" is clipped to 1 of 2, cat sat on mat match -> 5/6
    //   2-grams: "the cat" "cat sat" "sat on" match, "on the" "the mat" do not -> 3/5
    //   3-grams: "the cat sat" "cat sat on" -> 2/4;  4-grams: "the cat sat on" -> 1/3
    //   BLEU = 100 * (5/6 * 3/5 * 2/4 * 1/3)^(1/4) = 100 * (1/12)^(1/4) = 53.7285 (sacreBLEU
    // agrees)
    assertThat(bleu("the cat sat on the mat", "the cat sat on a mat"))
        .isCloseTo(100 * Math.pow(1.0 / 12, 0.25), within(1e-9))
        .isCloseTo(53.7284965911771, within(1e-9));
  }

  @Test
  void brevityPenaltyByHand() {
    // All precisions are 1 (4/4, 3/3, 2/2, 1/1), but 4 hypothesis vs 6 reference tokens:
    // BP = exp(1 - 6/4) = exp(-0.5), so BLEU = 100 * exp(-0.5) = 60.6531.
    assertThat(bleu("the cat sat on", "the cat sat on the mat"))
        .isCloseTo(100 * Math.exp(-0.5), within(1e-9));
  }

  @Test
  void expSmoothingForOrdersWithoutMatchesByHand() {
    // hyp "the dog sat on" vs ref "the cat sat on": 1-grams 3/4, 2-grams 1/3 ("sat on"),
    // 3-grams 0/2 and 4-grams 0/1. 'exp' smoothing gives the k-th zero order 1/(2^k * total):
    // 1/(2*2) and 1/(4*1). BLEU = 100 * (3/4 * 1/3 * 1/4 * 1/4)^(1/4) = 100 * (1/64)^(1/4)
    // = 100 / (2 * sqrt 2) = 35.3553.
    assertThat(bleu("the dog sat on", "the cat sat on"))
        .isCloseTo(100 / (2 * Math.sqrt(2)), within(1e-9));
  }

  @Test
  void corpusWithoutFourGramsOrMatchesScoresZeroLikeSacreBleu() {
    // No hypothesis has 4 tokens, so the 4-gram precision is undefined and floors the score.
    assertThat(bleu("a b c", "a b c")).isZero();
    assertThat(bleu("völlig anders hier jetzt", "the cat sat on")).isZero();
    assertThat(bleu("", "the cat sat on")).isZero();
  }

  @Test
  void isCaseSensitive() {
    assertThat(bleu("The cat sat on the mat", "the cat sat on the mat")).isLessThan(100.0);
  }

  @Test
  void sumsStatisticsOverTheCorpusInsteadOfAveragingSentences() {
    // Alone, the pairs score 100 and 0 (mean 50). Pooled n-gram counts over both:
    // 1-grams 6/10, 2-grams 5/8, 3-grams 4/6, 4-grams 3/4, and 10 tokens on both sides (BP = 1):
    // BLEU = 100 * (0.6 * 0.625 * 2/3 * 0.75)^(1/4) = 100 * 0.1875^(1/4) = 65.80.
    assertThat(
            Bleu.corpusScore(
                List.of("the cat sat on the mat", "a b c d"),
                List.of("the cat sat on the mat", "e f g h")))
        .isCloseTo(100 * Math.pow(0.1875, 0.25), within(1e-9));
  }

  @Test
  void matchesSacreBleuOnTrickyText() {
    // Expected value computed with sacreBLEU 2.6.0: BLEU().corpus_score(hyps, [refs]).score
    List<String> hypotheses =
        List.of(
            "Der Hund bellt, weil er Hunger hat.",
            "The dog\u00a0barks because it is hungry.",
            "Größe: 3,5 m — nicht 4.",
            "I'm hungry!",
            "",
            "Ünïcödé 𝔘𝔫𝔦 😀");
    List<String> references =
        List.of(
            "The dog barks because he is hungry.",
            "The dog barks because it's hungry.",
            "Size: 3.5 m, not 4.",
            "I am hungry.",
            "Nothing here.",
            "Ünïcödé 𝔘𝔫𝔦 😀 test");

    assertThat(Bleu.corpusScore(hypotheses, references))
        .isCloseTo(16.764112259929036, within(1e-9));
  }

  @Test
  void tokenisesLikeMtevalV13a() {
    // Expected strings from sacreBLEU 2.6.0's Tokenizer13a.
    assertThat(Bleu.tokenize13a("Hello, world! It's 3.5 km-long, costs $1,000."))
        .isEqualTo("Hello , world ! It's 3.5 km-long , costs $ 1,000 .");
    assertThat(Bleu.tokenize13a("He said &quot;no&quot; &amp; left.<skipped>"))
        .isEqualTo("He said \" no \" & left .");
    assertThat(Bleu.tokenize13a("1990-2000: (a) [b] {c} <d>"))
        .isEqualTo("1990 - 2000 : ( a ) [ b ] { c } < d >");
    assertThat(Bleu.tokenize13a("e-mail me@x.org/path?q=1;"))
        .isEqualTo("e-mail me @ x . org / path ? q = 1 ;");
    assertThat(Bleu.tokenize13a("end-\nof line\nnext")).isEqualTo("endof line next");
  }

  @Test
  void rejectsMismatchedOrEmptyInput() {
    assertThatThrownBy(() -> Bleu.corpusScore(List.of("a"), List.of("a", "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 hypotheses but 2 references");
    assertThatThrownBy(() -> Bleu.corpusScore(List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
