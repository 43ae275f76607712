package dev.translation.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChrfTest {

  private static double chrf(String hypothesis, String reference) {
    return Chrf.corpusScore(List.of(hypothesis), List.of(reference));
  }

  @Test
  void identicalTextScores100() {
    assertThat(chrf("Ich habe Hunger.", "Ich habe Hunger.")).isCloseTo(100.0, within(1e-9));
  }

  @Test
  void disjointCharactersScoreZero() {
    assertThat(chrf("abc", "xyz")).isZero();
    assertThat(chrf("", "xyz")).isZero();
  }

  @Test
  void ignoresWhitespaceButNotCase() {
    assertThat(chrf("a b  c", "abc")).isCloseTo(100.0, within(1e-9));
    assertThat(chrf("ABC", "abc")).isZero();
  }

  @Test
  void partialMatchByHand() {
    // hyp "ab" vs ref "abc":
    //   order 1: hyp {a,b}=2, ref {a,b,c}=3, matches 2 -> P 1, R 2/3
    //   order 2: hyp {ab}=1,  ref {ab,bc}=2, matches 1 -> P 1, R 1/2
    //   order 3: no hypothesis n-grams, orders 4-6: none at all -> not effective orders
    // Averages over the 2 effective orders: P = 1, R = (2/3 + 1/2) / 2 = 7/12.
    // F2 = (1 + 4) P R / (4 P + R) = (35/12) / (55/12) = 7/11 -> 63.64.
    // (The mean of per-order F2 scores would be (10/14 + 5/9) / 2 = 63.49: sacreBLEU differs.)
    assertThat(chrf("ab", "abc")).isCloseTo(700.0 / 11, within(1e-9));
  }

  @Test
  void sumsStatisticsOverTheCorpus() {
    // "abc" vs "abc" and "xyz" vs "abc" pool to half of every order matching in both directions:
    // order 1: 3 of 6, order 2: 2 of 4, order 3: 1 of 2 -> P = R = 1/2 -> F2 = 1/2.
    assertThat(Chrf.corpusScore(List.of("abc", "xyz"), List.of("abc", "abc")))
        .isCloseTo(50.0, within(1e-9));
  }

  @Test
  void matchesSacreBleuOnTrickyText() {
    // Expected value computed with sacreBLEU 2.6.0: CHRF().corpus_score(hyps, [refs]).score.
    // The no-break space is whitespace for Python, and characters outside the BMP count once.
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

    assertThat(Chrf.corpusScore(hypotheses, references))
        .isCloseTo(44.744676709056534, within(1e-9));
  }
}
