package dev.translation.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.translation.training.corpus.SentencePair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

  private static final List<SentencePair> TEST_SET =
      List.of(
          new SentencePair("Ich habe Hunger.", "I am hungry."),
          new SentencePair("Wo ist die Toilette?", "Where is the toilet?"));

  @Test
  void callsTranslatorOnceWithAllSourcesInOrderAndScoresAgainstTargets() {
    List<List<String>> calls = new ArrayList<>();

    EvaluationReport report =
        Evaluator.evaluate(
            "tiny",
            TEST_SET,
            sources -> {
              calls.add(sources);
              return List.of("I am hungry.", "Where is the toilet?");
            });

    assertThat(calls).containsExactly(List.of("Ich habe Hunger.", "Wo ist die Toilette?"));
    assertThat(report.testSetName()).isEqualTo("tiny");
    assertThat(report.sentences()).isEqualTo(2);
    assertThat(report.bleu()).isCloseTo(100.0, within(1e-9));
    assertThat(report.chrf()).isCloseTo(100.0, within(1e-9));
  }

  @Test
  void scoresTheDictionaryBaselineLikeTheMetricsDo() {
    DictionaryBaseline baseline =
        DictionaryBaseline.build(
            List.of(
                new SentencePair("ich", "I"),
                new SentencePair("Hunger", "hunger"),
                new SentencePair("wo", "where"),
                new SentencePair("ist", "is"),
                new SentencePair("die", "the"),
                new SentencePair("Toilette", "toilet")));

    EvaluationReport report = Evaluator.evaluate("tiny", TEST_SET, baseline::translateAll);

    List<String> hypotheses = List.of("I habe hunger.", "Where is the toilet?");
    List<String> references = List.of("I am hungry.", "Where is the toilet?");
    assertThat(baseline.translateAll(List.of("Ich habe Hunger.", "Wo ist die Toilette?")))
        .isEqualTo(hypotheses);
    assertThat(report.bleu())
        .isEqualTo(Bleu.corpusScore(hypotheses, references))
        .isBetween(1.0, 99.0);
    assertThat(report.chrf())
        .isEqualTo(Chrf.corpusScore(hypotheses, references))
        .isBetween(1.0, 99.0);
  }

  @Test
  void rejectsTranslatorsThatLoseSentences() {
    assertThatThrownBy(() -> Evaluator.evaluate("tiny", TEST_SET, sources -> List.of("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("1 translations for 2 sources");
    assertThatThrownBy(() -> Evaluator.evaluate("tiny", List.of(), sources -> sources))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void summaryUsesPointAsDecimalSeparator() {
    assertThat(new EvaluationReport("ding-test", 1246, 2.7749, 23.991).summary())
        .isEqualTo("ding-test: 1246 sentences, BLEU 2.77, chrF 23.99");
  }
}
