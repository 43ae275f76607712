package dev.translation.training.marian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.engine.bundle.TorchScriptModule;
import dev.translation.engine.inference.DecodeOptions;
import dev.translation.engine.inference.TranslationEngine;
import dev.translation.engine.text.ModelTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts the synthetic Marian checkpoint in {@code src/test/resources/marian/tiny-de-en} and
 * checks the bundle against the reference outputs stored beside it ({@code references.json}, see
 * its README): tokenisation, teacher-forced logits, greedy and beam-4 ids and scores, and the
 * decoded text through the engine.
 */
class MarianImportIT {

  static final Path CHECKPOINT = Path.of("src/test/resources/marian/tiny-de-en");

  @TempDir static Path dir;

  static Path bundle;
  static JsonNode references;

  @BeforeAll
  static void convert() throws Exception {
    bundle = dir.resolve("bundle");
    MarianImport.run(MarianImport.Request.of(CHECKPOINT, bundle), line -> {});
    references =
        JsonMapper.builder().build().readTree(CHECKPOINT.resolve("references.json").toFile());
  }

  @Test
  void manifestRecordsTokenizerGenerationAndOrigin() {
    ModelManifest manifest = ModelBundle.open(bundle).manifest();

    assertThat(manifest.id()).isEqualTo("tiny-de-en@1");
    assertThat(manifest.sourceLanguage()).isEqualTo("de");
    assertThat(manifest.tokenizer().kind()).isEqualTo(ModelManifest.Tokenizer.MARIAN);
    assertThat(manifest.tokens().eos()).isZero();
    assertThat(manifest.tokens().bos()).isEqualTo(manifest.tokens().pad());
    assertThat(manifest.decoding().lengthNormalisation())
        .isEqualTo(ModelManifest.Generation.HUGGING_FACE);
    assertThat(manifest.decoding().lengthPenalty()).isEqualTo(1.0);
    assertThat(manifest.decoding().beamSize()).isEqualTo(4);
    assertThat(manifest.decoding().maxLength()).isEqualTo(references.get("max_length").asInt() - 1);
    assertThat(manifest.origin().format()).isEqualTo("hugging-face-marian");
    assertThat(manifest.origin().files())
        .containsKeys("config.json", "pytorch_model.bin", "vocab.json", "source.spm");
  }

  @Test
  void tokenizerGivesTheReferenceIdsAndText() {
    try (ModelTokenizer tokenizer = ModelTokenizer.open(ModelBundle.open(bundle))) {
      for (JsonNode reference : references.get("cases")) {
        int[] inputIds = ints(reference.get("input_ids"));
        assertThat(tokenizer.encode(reference.get("source").asString()))
            .as(reference.get("source").asString())
            .containsExactly(Arrays.copyOf(inputIds, inputIds.length - 1));
        int[] greedy = ints(reference.get("greedy_ids"));
        assertThat(tokenizer.decode(Arrays.copyOf(greedy, greedy.length - 1)))
            .isEqualTo(reference.get("greedy_text").asString());
      }
    }
  }

  @Test
  void teacherForcedLogitsMatchWithin1e4Relative() {
    try (Model model = TorchScriptModule.load(bundle.resolve("model.pt"), "tiny", false)) {
      PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
      for (JsonNode reference : references.get("cases")) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
          float[] logits;
          try (IValue source = tensor(manager, reference.get("input_ids"));
              IValue target = tensor(manager, reference.get("teacher_forced_decoder_input"));
              IValue result = IValueUtils.runMethod(block, "logits", source, target)) {
            logits = result.toTensor((PtNDManager) manager).toFloatArray();
          }
          double largest = 0;
          double worst = 0;
          int position = 0;
          for (JsonNode row : reference.get("teacher_forced_logits")) {
            for (JsonNode value : row) {
              largest = Math.max(largest, Math.abs(value.asDouble()));
            }
          }
          for (JsonNode row : reference.get("teacher_forced_logits")) {
            for (JsonNode value : row) {
              worst = Math.max(worst, Math.abs(logits[position++] - value.asDouble()));
            }
          }
          assertThat(position).isEqualTo(logits.length);
          assertThat(worst / largest).as(reference.get("source").asString()).isLessThan(1e-4);
        }
      }
    }
  }

  @Test
  void greedyAndBeamIdsAndScoresMatchTokenForToken() {
    try (Model model = TorchScriptModule.load(bundle.resolve("model.pt"), "tiny", false)) {
      int cap = references.get("max_length").asInt() - 1;
      for (JsonNode reference : references.get("cases")) {
        Decoded greedy = translate(model, reference.get("input_ids"), 1, cap);
        assertThat(greedy.ids()).containsExactly(ints(reference.get("greedy_ids")));
        Decoded beam = translate(model, reference.get("input_ids"), 4, cap);
        assertThat(beam.ids())
            .as(reference.get("source").asString())
            .containsExactly(ints(reference.get("beam4_ids")));
        assertThat(beam.score()).isCloseTo(reference.get("beam4_score").asDouble(), within(1e-5));
      }
      for (JsonNode reference : references.get("capped")) {
        int capped = reference.get("max_length").asInt() - 1;
        JsonNode source = inputIds(reference.get("source").asString());
        assertThat(translate(model, source, 1, capped).ids())
            .containsExactly(ints(reference.get("greedy_ids")));
        Decoded beam = translate(model, source, 4, capped);
        assertThat(beam.ids()).containsExactly(ints(reference.get("beam4_ids")));
        assertThat(beam.score()).isCloseTo(reference.get("beam4_score").asDouble(), within(1e-5));
      }
    }
  }

  @Test
  void engineTranslatesAllCasesInOneCallAsTheReference() {
    List<String> sources = new ArrayList<>();
    List<String> greedyTexts = new ArrayList<>();
    List<String> beamTexts = new ArrayList<>();
    for (JsonNode reference : references.get("cases")) {
      sources.add(reference.get("source").asString());
      greedyTexts.add(reference.get("greedy_text").asString());
      beamTexts.add(reference.get("beam4_text").asString());
    }
    try (TranslationEngine engine = TranslationEngine.open(bundle)) {
      assertThat(engine.translate(sources, DecodeOptions.greedy()))
          .extracting(translation -> translation.text())
          .containsExactlyElementsOf(greedyTexts);
      assertThat(engine.translate(sources, DecodeOptions.beam(4)))
          .extracting(translation -> translation.text())
          .containsExactlyElementsOf(beamTexts);
    }
  }

  @Test
  void gnmtNormalisationChosenInModelJsonReachesTheModule() throws Exception {
    Path gnmt = dir.resolve("gnmt");
    MarianImport.run(
        MarianImport.Request.of(CHECKPOINT, gnmt)
            .withLengthNormalisation(ModelManifest.Generation.GNMT),
        line -> {});
    ModelManifest manifest = ModelBundle.open(gnmt).manifest();
    assertThat(manifest.decoding().lengthNormalisation()).isEqualTo(ModelManifest.Generation.GNMT);

    JsonNode reference = references.get("cases").get(0);
    try (Model model = TorchScriptModule.load(gnmt.resolve("model.pt"), "gnmt", false)) {
      TorchScriptModule.selectLengthNormalisation(model, manifest);
      Decoded beam = translate(model, reference.get("input_ids"), 4, manifest.maxTargetTokens());
      int[] ids = ints(reference.get("beam4_ids"));
      assertThat(beam.ids()).containsExactly(ids);
      // The same hypothesis, its log-probability divided by ((5 + L) / 6) instead of L.
      double sum = reference.get("beam4_score").asDouble() * ids.length;
      assertThat(beam.score()).isCloseTo(sum / ((5.0 + ids.length) / 6.0), within(1e-4));
    }
  }

  @Test
  void lengthPenaltyTwoMatchesTheReference() {
    try (Model model = TorchScriptModule.load(bundle.resolve("model.pt"), "tiny", false)) {
      assertBeamsMatch(model, 2.0, "beam4_lp2_ids", "beam4_lp2_score");
    }
  }

  @Test
  void renormalizedLogitsMatchTheReference() throws Exception {
    Path copy = copyCheckpoint("renormalized");
    Path generation = copy.resolve("generation_config.json");
    Files.writeString(
        generation,
        Files.readString(generation).replaceFirst("\\{", "{\"renormalize_logits\": true,"));
    Path out = dir.resolve("renormalized-bundle");
    MarianImport.run(MarianImport.Request.of(copy, out), line -> {});

    try (Model model = TorchScriptModule.load(out.resolve("model.pt"), "renormalized", false)) {
      assertBeamsMatch(model, 1.0, "beam4_renormalized_ids", "beam4_renormalized_score");
    }
  }

  @Test
  void textsAreCleanedUpWhenTheTokenizerConfigDoesNotSayOtherwise() throws Exception {
    Path copy = copyCheckpoint("clean-up");
    Path tokenizerConfig = copy.resolve("tokenizer_config.json");
    Files.writeString(
        tokenizerConfig,
        Files.readString(tokenizerConfig)
            .replaceFirst("\"clean_up_tokenization_spaces\": *false,", ""));
    Path out = dir.resolve("clean-up-bundle");
    MarianImport.run(MarianImport.Request.of(copy, out), line -> {});
    assertThat(ModelBundle.open(out).manifest().tokenizer().cleansUpSpaces()).isTrue();

    List<String> sources = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (JsonNode reference : references.get("cases")) {
      sources.add(reference.get("source").asString());
      expected.add(reference.get("beam4_text_clean_up").asString());
    }
    try (TranslationEngine engine = TranslationEngine.open(out)) {
      assertThat(engine.translate(sources, DecodeOptions.beam(4)))
          .extracting(translation -> translation.text())
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void withoutForcedEosInItsSettingsTheCapDoesNotForceTheEnd() throws Exception {
    Path copy = copyCheckpoint("unforced");
    for (String file : List.of("config.json", "generation_config.json")) {
      Path config = copy.resolve(file);
      Files.writeString(
          config, Files.readString(config).replaceAll("\"forced_eos_token_id\": *0,?", ""));
    }
    Path out = dir.resolve("unforced-bundle");
    MarianImport.run(MarianImport.Request.of(copy, out), line -> {});

    JsonNode reference = references.get("cases").get(2);
    int[] greedy = ints(reference.get("greedy_ids"));
    try (Model model = TorchScriptModule.load(out.resolve("model.pt"), "unforced", false)) {
      // Five steps, none of them forced: the first five tokens of the uncapped output, no end.
      assertThat(translate(model, reference.get("input_ids"), 1, 5).ids())
          .containsExactly(Arrays.copyOf(greedy, 5));
    }
  }

  @Test
  void weightsThatDisagreeWithTheConfigAreRefusedAndNothingIsWritten() throws Exception {
    Path copy = copyCheckpoint("narrow");
    Path config = copy.resolve("config.json");
    Files.writeString(
        config, Files.readString(config).replaceFirst("\"d_model\": *64", "\"d_model\": 32"));
    Path out = dir.resolve("narrow-bundle");

    assertThatThrownBy(() -> MarianImport.run(MarianImport.Request.of(copy, out), line -> {}))
        .isInstanceOf(UnsupportedCheckpointException.class)
        .hasMessageContaining("model.shared.weight has shape")
        .hasMessageContaining("config.json implies");
    assertThat(out).doesNotExist();
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(path -> path.getFileName().toString()))
          .noneMatch(name -> name.startsWith("narrow-bundle"));
    }
  }

  @Test
  void aTruncatedWeightsFileIsRefusedWithItsName() throws Exception {
    Path copy = copyCheckpoint("truncated");
    Path weights = copy.resolve("pytorch_model.bin");
    byte[] bytes = Files.readAllBytes(weights);
    Files.write(weights, Arrays.copyOf(bytes, bytes.length / 2));
    Path out = dir.resolve("truncated-bundle");

    assertThatThrownBy(() -> MarianImport.run(MarianImport.Request.of(copy, out), line -> {}))
        .hasMessageContaining("pytorch_model.bin");
    assertThat(out).doesNotExist();
  }

  @Test
  void anExistingBundleIsNotOverwritten() {
    assertThatThrownBy(
            () -> MarianImport.run(MarianImport.Request.of(CHECKPOINT, bundle), line -> {}))
        .hasMessageContaining("already exists");
    assertThat(ModelBundle.open(bundle).manifest().id()).isEqualTo("tiny-de-en@1");
  }

  private static Path copyCheckpoint(String name) throws IOException {
    Path copy = dir.resolve(name);
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(CHECKPOINT)) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    return copy;
  }

  /** Beam 4 on every case, ids token for token and the normalised score, against two keys. */
  private static void assertBeamsMatch(
      Model model, double lengthPenalty, String idsKey, String scoreKey) {
    int cap = references.get("max_length").asInt() - 1;
    for (JsonNode reference : references.get("cases")) {
      Decoded beam = translate(model, reference.get("input_ids"), 4, cap, lengthPenalty);
      assertThat(beam.ids())
          .as(reference.get("source").asString())
          .containsExactly(ints(reference.get(idsKey)));
      assertThat(beam.score()).isCloseTo(reference.get(scoreKey).asDouble(), within(1e-5));
    }
  }

  private static JsonNode inputIds(String source) {
    for (JsonNode reference : references.get("cases")) {
      if (reference.get("source").asString().equals(source)) {
        return reference.get("input_ids");
      }
    }
    throw new AssertionError("no case has the capped source " + source);
  }

  private record Decoded(int[] ids, double score) {}

  /** Calls the module's translate for one sentence; ids are cut after the first end token. */
  private static Decoded translate(Model model, JsonNode inputIds, int beam, int cap) {
    return translate(model, inputIds, beam, cap, 1.0);
  }

  private static Decoded translate(
      Model model, JsonNode inputIds, int beam, int cap, double lengthPenalty) {
    PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
    try (NDManager manager = model.getNDManager().newSubManager();
        IValue source = tensor(manager, inputIds);
        IValue beamValue = IValue.from((PtNDArray) manager.create((long) beam));
        IValue capValue = IValue.from((PtNDArray) manager.create((long) cap));
        IValue penalty = IValue.from((PtNDArray) manager.create(lengthPenalty));
        IValue result =
            IValueUtils.runMethod(block, "translate", source, beamValue, capValue, penalty)) {
      IValue[] outputs = result.toIValueTuple();
      long[] tokens = outputs[0].toTensor((PtNDManager) manager).toLongArray();
      double score = outputs[1].toTensor((PtNDManager) manager).toFloatArray()[0];
      int end = 0;
      while (end < tokens.length && tokens[end] != 0) {
        end++;
      }
      int[] ids = new int[Math.min(end + 1, tokens.length)];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = (int) tokens[i];
      }
      for (IValue output : outputs) {
        output.close();
      }
      return new Decoded(ids, score);
    }
  }

  private static IValue tensor(NDManager manager, JsonNode ids) {
    long[] values = new long[ids.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = ids.get(i).asLong();
    }
    return IValue.from((PtNDArray) manager.create(values).reshape(1, values.length));
  }

  private static int[] ints(JsonNode array) {
    int[] values = new int[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asInt();
    }
    return values;
  }
}
