package dev.translation.training.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CorpusSplitTest {

  /** A synthetic corpus: words, short phrases and sentences, some sharing a source. */
  private static List<SentencePair> corpus() {
    List<SentencePair> pairs = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      pairs.add(new SentencePair("Wort" + i, "word" + i));
      pairs.add(new SentencePair("Ich sehe Haus " + i + ".", "I see house " + i + "."));
      pairs.add(new SentencePair("ich sehe haus " + i, "I can see house " + i));
      pairs.add(new SentencePair("Ich sehe Haus " + i + ".", "Look!"));
    }
    return pairs;
  }

  @Test
  void splitIsDeterministicAndIndependentOfInputOrder() {
    List<SentencePair> pairs = corpus();
    List<SentencePair> shuffled = new ArrayList<>(pairs);
    Collections.shuffle(shuffled, new Random(42));

    CorpusSplit first = CorpusSplit.of(pairs);
    CorpusSplit again = CorpusSplit.of(pairs);
    CorpusSplit fromShuffled = CorpusSplit.of(shuffled);

    assertThat(again).isEqualTo(first);
    assertThat(sorted(fromShuffled.train())).isEqualTo(sorted(first.train()));
    assertThat(sorted(fromShuffled.dev())).isEqualTo(sorted(first.dev()));
    assertThat(sorted(fromShuffled.test())).isEqualTo(sorted(first.test()));
  }

  @Test
  void splitsAreDisjointBySourceUpToCaseAndPunctuation() {
    CorpusSplit split = CorpusSplit.of(corpus());

    Set<String> train = keys(split.train());
    Set<String> dev = keys(split.dev());
    Set<String> test = keys(split.test());

    assertThat(test)
        .isNotEmpty()
        .doesNotContainAnyElementsOf(train)
        .doesNotContainAnyElementsOf(dev);
    assertThat(dev).isNotEmpty().doesNotContainAnyElementsOf(train);
  }

  @Test
  void testSetHoldsOnlyFullSentences() {
    CorpusSplit split = CorpusSplit.of(corpus());

    assertThat(split.test())
        .allSatisfy(
            pair -> {
              assertThat(SentencePair.wordCount(pair.source())).isGreaterThanOrEqualTo(3);
              assertThat(SentencePair.wordCount(pair.target())).isGreaterThanOrEqualTo(3);
            });
    // "Look!" shares a test source but is no sentence, so it is in no split at all.
    Set<String> testKeys = keys(split.test());
    assertThat(split.train())
        .noneMatch(pair -> testKeys.contains(CorpusSplit.splitKey(pair.source())));
  }

  @Test
  void bucketSizesFollowTheConfiguredFractions() {
    List<SentencePair> pairs = corpus();
    CorpusSplit split = CorpusSplit.of(pairs);

    // Half of the pairs are full sentences; only those are kept from the test bucket. Pairs come
    // in groups sharing a source, so sizes vary more than independent draws would; 25% is ~2.5
    // standard deviations, and the split is deterministic anyway.
    double expectedTest = pairs.size() * 0.5 * CorpusSplit.TEST_FRACTION;
    double expectedDev = pairs.size() * CorpusSplit.DEV_FRACTION;
    assertThat((double) split.test().size()).isCloseTo(expectedTest, within(expectedTest * 0.25));
    assertThat((double) split.dev().size()).isCloseTo(expectedDev, within(expectedDev * 0.25));
    assertThat(split.train().size() + split.dev().size() + split.test().size())
        .isLessThan(pairs.size())
        .isGreaterThan((int) (pairs.size() * 0.98));
  }

  @Test
  void hashIsStableAcrossRunsAndPlatforms() {
    // Python: (int.from_bytes(sha256(b"ich habe hunger").digest()[:8], "big") >> 11) * 2**-53
    assertThat(CorpusSplit.unitHash("ich habe hunger")).isEqualTo(0.19355417473831538);
    assertThat(CorpusSplit.splitKey("  Ich  habe\tHUNGER! ")).isEqualTo("ich habe hunger");
  }

  @Test
  void countsOnlyTokensWithLettersOrDigitsAsWords() {
    assertThat(SentencePair.wordCount("Ja – 3 Mal !")).isEqualTo(3);
    assertThat(new SentencePair("Ich habe Hunger.", "I'm hungry.").isFullSentence()).isFalse();
    assertThat(new SentencePair("Ich habe Hunger.", "I am hungry.").isFullSentence()).isTrue();
  }

  private static List<SentencePair> sorted(List<SentencePair> pairs) {
    return pairs.stream()
        .sorted(Comparator.comparing(SentencePair::source).thenComparing(SentencePair::target))
        .toList();
  }

  private static Set<String> keys(List<SentencePair> pairs) {
    return pairs.stream()
        .map(pair -> CorpusSplit.splitKey(pair.source()))
        .collect(Collectors.toCollection(HashSet::new));
  }
}
