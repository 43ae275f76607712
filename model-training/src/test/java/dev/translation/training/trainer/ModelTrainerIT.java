package dev.translation.training.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.engine.StarterModel;
import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.engine.inference.DecodeOptions;
import dev.translation.engine.inference.TranslationEngine;
import dev.translation.training.corpus.SentencePair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tunes the starter model for a few steps in Java through DJL. */
class ModelTrainerIT {

  private static final List<SentencePair> CORRECTIONS =
      List.of(
          new SentencePair("Der Zug hat Verspätung.", "The train is delayed."),
          new SentencePair("Wo ist der Bahnhof?", "Where is the railway station?"),
          new SentencePair("Ich habe Hunger.", "I am hungry."),
          new SentencePair("Guten Morgen!", "Good morning!"),
          new SentencePair("Das Essen ist kalt.", "The food is cold."),
          new SentencePair("Wir sehen uns morgen.", "See you tomorrow."));

  @TempDir Path work;

  @Test
  void fineTuningLowersDevLossAndAnInterruptedRunResumesFromItsCheckpoint() throws Exception {
    ModelBundle starter = ModelBundle.open(StarterModel.bundle());
    List<String> progress = new ArrayList<>();
    ModelTrainer trainer = new ModelTrainer(progress::add);

    ModelTrainer.Result first =
        trainer.train(CORRECTIONS, CORRECTIONS, starter.manifest().tokens(), options(starter, 4));

    assertThat(first.state().step()).isEqualTo(4);
    assertThat(first.stopReason()).contains("maxSteps");
    assertThat(work.resolve("checkpoints/latest/model.pt")).isRegularFile();
    assertThat(work.resolve("checkpoints/latest/optimizer.bin")).isRegularFile();
    double firstDevLoss = first.state().bestDevLoss();

    progress.clear();
    ModelTrainer.Result resumed =
        trainer.train(CORRECTIONS, CORRECTIONS, starter.manifest().tokens(), options(starter, 8));

    assertThat(progress).anyMatch(line -> line.startsWith("resuming from checkpoint at step 4"));
    assertThat(resumed.state().step()).isEqualTo(8);
    assertThat(resumed.state().bestDevLoss()).isLessThan(firstDevLoss);
    assertThat(resumed.state().targetTokens()).isGreaterThan(first.state().targetTokens());
  }

  @Test
  void fineTuningABundleWritesANewBundleThatNamesItsBaseAndTranslates() throws Exception {
    Path corrections = work.resolve("corrections.tsv");
    Files.write(
        corrections,
        CORRECTIONS.stream().map(pair -> pair.source() + "\t" + pair.target()).toList());
    Path bundle = work.resolve("bundle");
    List<String> progress = new ArrayList<>();

    ModelManifest manifest =
        BundleTraining.run(
            new BundleTraining.Request(
                new BundleTraining.FineTune(StarterModel.bundle()),
                List.of(corrections),
                List.of(corrections),
                work.resolve("checkpoints"),
                bundle,
                "de-en-starter",
                "fine-tuned",
                List.of("six corrections"),
                HYPERPARAMETERS.withBudget(2, 10)),
            progress::add);

    ModelManifest starter = ModelBundle.open(StarterModel.bundle()).manifest();
    assertThat(manifest.training().basedOn()).isEqualTo(starter.id());
    assertThat(manifest.training().steps()).isEqualTo(2);
    assertThat(manifest.training().data()).containsExactly("six corrections");
    assertThat(manifest.tokens()).isEqualTo(starter.tokens());
    assertThat(progress).last().asString().contains("de-en-starter@fine-tuned");
    assertThat(ModelBundle.open(bundle).manifest().training()).isEqualTo(manifest.training());
    try (TranslationEngine engine = TranslationEngine.open(bundle)) {
      assertThat(engine.translate("Wo ist der Bahnhof?", DecodeOptions.greedy()).text())
          .containsIgnoringCase("station");
    }
  }

  private static final Hyperparameters HYPERPARAMETERS =
      new Hyperparameters(256, 1e-4, 0, 4, 10, 2, 100, 64, 1, 1, 1.0);

  private TrainingOptions options(ModelBundle starter, long maxSteps) throws Exception {
    Path module = work.resolve("start.pt");
    if (!Files.exists(module)) {
      Files.copy(starter.modulePath(), module, StandardCopyOption.REPLACE_EXISTING);
    }
    return new TrainingOptions(
        module, starter.sentencePiecePath(), work, HYPERPARAMETERS.withBudget(maxSteps, 10));
  }
}
