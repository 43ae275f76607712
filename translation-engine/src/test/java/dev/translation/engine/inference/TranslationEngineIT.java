package dev.translation.engine.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.engine.InvalidInputException;
import dev.translation.engine.StarterModel;
import dev.translation.engine.bundle.InvalidModelBundleException;
import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the committed starter model through DJL's PyTorch engine. */
class TranslationEngineIT {

  private static TranslationEngine engine;

  @BeforeAll
  static void open() {
    engine = TranslationEngine.open(StarterModel.bundle());
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void aBundleAskingItsModuleForANormalisationItLacksIsRefused(@TempDir Path dir)
      throws IOException {
    Path copy = dir.resolve("bundle");
    ModelManifest manifest = ModelBundle.readManifest(StarterModel.bundle());
    ModelManifest huggingFace =
        new ModelManifest(
            manifest.name(),
            manifest.version(),
            manifest.sourceLanguage(),
            manifest.targetLanguage(),
            manifest.module(),
            manifest.sentencePiece(),
            null,
            manifest.tokens(),
            manifest.maxSourceTokens(),
            manifest.maxTargetTokens(),
            new ModelManifest.Generation(ModelManifest.Generation.HUGGING_FACE, 1.0, 4, 0),
            manifest.architecture(),
            manifest.training(),
            manifest.metrics(),
            manifest.files(),
            null);
    ModelBundle.create(
        copy,
        StarterModel.bundle().resolve(manifest.module()),
        StarterModel.bundle().resolve(manifest.sentencePiece()),
        huggingFace);

    assertThatThrownBy(() -> TranslationEngine.open(copy))
        .isInstanceOf(InvalidModelBundleException.class)
        .hasMessageContaining("\"hugging-face\" length normalisation");
  }

  @Test
  void translatesCommonPhrasesInInputOrder() {
    List<Translation> translations =
        engine.translate(
            List.of("Guten Morgen", "Wo ist der Bahnhof?", "Ich habe Hunger."),
            DecodeOptions.beam(4));

    assertThat(translations.get(0).text()).isEqualToIgnoringCase("good morning");
    assertThat(translations.get(1).text()).isEqualTo("Where is the station?");
    assertThat(translations.get(2).text()).isEqualTo("I am hungry.");
    assertThat(translations)
        .allSatisfy(t -> assertThat(t.modelId()).isEqualTo(engine.manifest().id()));
  }

  @Test
  void sameInputGivesSameOutput() {
    List<String> texts = List.of("Das Wetter ist heute schön.", "Wir fahren morgen nach Berlin.");

    List<String> first = texts(engine.translate(texts, DecodeOptions.greedy()));
    List<String> second = texts(engine.translate(texts, DecodeOptions.greedy()));

    assertThat(second).isEqualTo(first);
  }

  @Test
  void theBeamSizeChangesTheSearch() {
    // Sentences on which the starter model's greedy and beam-4 answers differ, so a beam size
    // that is silently ignored (always greedy, or always one fixed beam) shows.
    List<String> texts =
        List.of(
            "Das Abendessen hat mir geschmeckt.",
            "eigene Akzente setzen",
            "die Altarme eines Flusses");

    List<String> greedy = texts(engine.translate(texts, DecodeOptions.greedy()));
    List<String> beam = texts(engine.translate(texts, DecodeOptions.beam(4)));

    assertThat(beam)
        .doesNotContainAnyElementsOf(greedy)
        .allSatisfy(t -> assertThat(t).isNotBlank());
    assertThat(greedy).allSatisfy(t -> assertThat(t).isNotBlank());
  }

  @Test
  void emptyAndWhitespaceOnlyTextsTranslateToEmptyWithoutTheModel() {
    List<Translation> translations =
        engine.translate(List.of("", "   \t ", "\n\n"), DecodeOptions.greedy());

    assertThat(translations).extracting(Translation::text).containsOnly("");
    assertThat(translations).extracting(Translation::sourceTokens).containsOnly(0);
  }

  @Test
  void textOverTheLimitIsRejectedWithTheLimitInTheMessage() {
    String huge = "Haus ".repeat(20_000);

    assertThatThrownBy(() -> engine.translate(List.of("Hallo", huge), DecodeOptions.greedy()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Text 1 has 100000 characters")
        .hasMessageContaining("at most 20000");
  }

  @Test
  void nullTextIsRejected() {
    List<String> texts = new ArrayList<>();
    texts.add(null);

    assertThatThrownBy(() -> engine.translate(texts, DecodeOptions.greedy()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Text 0 is null");
  }

  @Test
  void longTextKeepsItsLinesAndTranslatesEverySentence() {
    String paragraph = "Ich habe Hunger. Wo ist der Bahnhof? Guten Morgen. ".repeat(20).strip();
    String text = paragraph + "\n" + paragraph;

    Translation translation = engine.translate(text, DecodeOptions.greedy());

    assertThat(translation.text().lines()).hasSize(2);
    assertThat(translation.text().lines().findFirst().orElseThrow().split("(?i)station"))
        .hasSizeGreaterThanOrEqualTo(21);
  }

  @Test
  void sentenceLongerThanTheModelInputIsTranslatedInChunks() {
    // "und das Haus" is three pieces, so 85 of them fill exactly one chunk of 255 pieces (the
    // model's 256 minus the end marker) and "Ich habe Hunger" is the whole second chunk.
    String filler = "und das Haus ".repeat((engine.manifest().maxSourceTokens() - 1) / 3);
    String tail = "Ich habe Hunger";

    Translation translation = engine.translate(filler + tail, DecodeOptions.greedy());

    String tailAlone = engine.translate(tail, DecodeOptions.greedy()).text();
    assertThat(translation.text()).startsWith("the house and the house").endsWith(" " + tailAlone);
    assertThat(tailAlone).containsIgnoringCase("hunger");
  }

  @Test
  void otherScriptsGetAShortBestEffortResultAndTheGermanAroundThemIsTranslated() {
    List<Translation> foreign =
        engine.translate(
            List.of("这是一个测试。", "Это проверка.", "مرحبا بالعالم", "🙂🙂🙂"), DecodeOptions.beam(4));
    String mixed =
        engine
            .translate("Ich habe Hunger. 这是一个测试。 Wo ist der Bahnhof?", DecodeOptions.beam(4))
            .text();

    // A model that never saw these scripts must not run on to its output limit.
    assertThat(foreign)
        .extracting(Translation::text)
        .allSatisfy(t -> assertThat(t).hasSizeLessThan(40));
    assertThat(mixed).startsWith("I am hungry. ").endsWith(" Where is the station?");
    assertThat(mixed).hasSizeLessThan("I am hungry. Where is the station?".length() + 40);
  }

  @Test
  void controlCharactersAndUnpairedSurrogatesAreIgnored() {
    String clean = engine.translate("Guten Morgen", DecodeOptions.greedy()).text();

    assertThat(engine.translate("Guten\u0000 Morgen\u0007", DecodeOptions.greedy()).text())
        .isEqualTo(clean);
    assertThat(engine.translate("Guten \uD800Morgen", DecodeOptions.greedy()).text())
        .isEqualTo(clean);
  }

  @Test
  void concurrentCallersGetTheSameResultsAsOneCaller() throws Exception {
    List<String> texts = List.of("Guten Morgen", "Ich habe Hunger.", "Wo ist der Bahnhof?");
    List<String> expected = texts(engine.translate(texts, DecodeOptions.greedy()));

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(pool.submit(() -> texts(engine.translate(texts, DecodeOptions.greedy()))));
      }
      for (Future<List<String>> future : futures) {
        assertThat(future.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> texts(List<Translation> translations) {
    return translations.stream().map(Translation::text).toList();
  }
}
