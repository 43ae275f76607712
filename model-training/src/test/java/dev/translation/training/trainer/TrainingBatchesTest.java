package dev.translation.training.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.engine.StarterModel;
import dev.translation.engine.text.SubwordTokenizer;
import dev.translation.training.corpus.SentencePair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainingBatchesTest {

  private static final int BOS = 2;
  private static final int EOS = 3;

  private static SubwordTokenizer tokenizer;

  @BeforeAll
  static void loadTokenizer() {
    tokenizer = SubwordTokenizer.load(StarterModel.bundle().resolve("sentencepiece.model"));
  }

  @AfterAll
  static void closeTokenizer() {
    tokenizer.close();
  }

  @Test
  void copiesOfAWeightedPairLandInDifferentBatches() {
    SentencePair sentence = new SentencePair("Ich habe eine Frage.", "I have a question.");
    List<SentencePair> pairs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      pairs.add(new SentencePair(sentence.source(), sentence.target()));
    }
    int longest =
        Math.max(
                tokenizer.encode(sentence.source()).length,
                tokenizer.encode(sentence.target()).length)
            + 1;

    TrainingBatches batches =
        TrainingBatches.of(pairs, tokenizer, BOS, EOS, 128, 8 * longest, 3, 1);

    assertThat(batches.examples()).isEqualTo(60);
    assertThat(batches.size()).isGreaterThan(3);
    for (TrainingBatches.Batch batch : batches.inOrder()) {
      Set<TrainingBatches.Example> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
      distinct.addAll(batch.examples());
      assertThat(distinct).hasSameSizeAs(batch.examples());
    }
  }

  @Test
  void onlyMultiWordPairsAreWeightedAndOverlongPairsAreSkipped() {
    List<SentencePair> pairs =
        List.of(
            new SentencePair("Hunger", "hunger"),
            new SentencePair("Wo ist der Bahnhof?", "Where is the station?"),
            new SentencePair("Bahnhof ".repeat(200), "station"));

    TrainingBatches batches = TrainingBatches.of(pairs, tokenizer, BOS, EOS, 128, 4096, 4, 1);

    assertThat(batches.examples()).isEqualTo(1 + 4);
    assertThat(batches.skipped()).isEqualTo(1);
  }
}
