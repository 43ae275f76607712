package dev.translation.training.marian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints the converter must refuse before reading any weights, each with a clear reason. */
class MarianCheckpointTest {

  @TempDir Path dir;

  @Test
  void readsTheSyntheticCheckpoint() throws IOException {
    MarianCheckpoint checkpoint = MarianCheckpoint.open(MarianImportIT.CHECKPOINT);

    assertThat(checkpoint.architecture().dModel()).isEqualTo(64);
    assertThat(checkpoint.architecture().padId())
        .isEqualTo(checkpoint.architecture().vocabSize() - 1);
    assertThat(checkpoint.generation().beams()).isEqualTo(4);
    assertThat(checkpoint.generation().maxLength()).isEqualTo(512);
    assertThat(checkpoint.unkId()).isEqualTo(1);
  }

  @Test
  void otherActivationsAreRefused() throws IOException {
    Path copy = withConfig(json -> json.replace("\"swish\"", "\"gelu\""));

    assertThatThrownBy(() -> MarianCheckpoint.open(copy))
        .isInstanceOf(UnsupportedCheckpointException.class)
        .hasMessageContaining("activation_function \"gelu\" is not supported");
  }

  @Test
  void separateVocabulariesAreRefused() throws IOException {
    Path copy = withConfig(json -> json.replaceFirst("\\{", "{\"separate_vocabs\": true,"));

    assertThatThrownBy(() -> MarianCheckpoint.open(copy))
        .isInstanceOf(UnsupportedCheckpointException.class)
        .hasMessageContaining("separate source and target vocabularies");
  }

  @Test
  void normalisedEmbeddingsAreRefused() throws IOException {
    Path copy =
        withConfig(
            json ->
                json.replace("\"normalize_embedding\": false", "\"normalize_embedding\": true"));

    assertThatThrownBy(() -> MarianCheckpoint.open(copy))
        .hasMessageContaining("normalize_embedding is true");
  }

  @Test
  void aVocabularyOfAnotherSizeIsRefused() throws IOException {
    Path copy = withConfig(json -> json.replace("vocab_size\": 212", "vocab_size\": 300"));

    assertThatThrownBy(() -> MarianCheckpoint.open(copy))
        .isInstanceOf(UnsupportedCheckpointException.class)
        .hasMessageContaining("vocab.json");
  }

  @Test
  void multilingualTargetsAreRefused() throws IOException {
    Path copy = copy();
    Path vocabulary = copy.resolve("vocab.json");
    Files.writeString(
        vocabulary, Files.readString(vocabulary).replace("\"e\": 2,", "\">>fra<<\": 2,"));

    assertThatThrownBy(() -> MarianCheckpoint.open(copy))
        .isInstanceOf(UnsupportedCheckpointException.class)
        .hasMessageContaining("target-language tokens (>>fra<<");
  }

  @Test
  void generationSettingsTheModuleLacksAreRefused() throws IOException {
    Path copy = copy();
    Path generation = copy.resolve("generation_config.json");
    Files.writeString(
        generation, Files.readString(generation).replaceFirst("\\{", "{\"max_new_tokens\": 40,"));

    assertThatThrownBy(() -> MarianCheckpoint.open(copy))
        .isInstanceOf(UnsupportedCheckpointException.class)
        .hasMessageContaining("max_new_tokens is not supported");
  }

  @Test
  void aConfigAskingForBillionsOfPositionsIsRefusedBeforeAnythingIsAllocated() throws IOException {
    Path copy =
        withConfig(
            json ->
                json.replaceFirst(
                    "\"max_position_embeddings\": *\\d+",
                    "\"max_position_embeddings\": 2000000000"));

    assertThatThrownBy(() -> MarianCheckpoint.open(copy))
        .isInstanceOf(UnsupportedCheckpointException.class)
        .hasMessageContaining("max_position_embeddings 2000000000 is beyond");
  }

  @Test
  void missingFilesAreNamed() throws IOException {
    Path copy = copy();
    Files.delete(copy.resolve("target.spm"));

    assertThatThrownBy(() -> MarianCheckpoint.open(copy)).hasMessageContaining("has no target.spm");

    Files.delete(copy.resolve("pytorch_model.bin"));
    Files.copy(MarianImportIT.CHECKPOINT.resolve("source.spm"), copy.resolve("target.spm"));
    assertThatThrownBy(() -> MarianCheckpoint.open(copy))
        .hasMessageContaining("holds no weights: expected model.safetensors or pytorch_model.bin");
  }

  @Test
  void malformedConfigIsReportedWithItsFile() throws IOException {
    Path copy = withConfig(json -> json.substring(0, json.length() / 2));

    assertThatThrownBy(() -> MarianCheckpoint.open(copy))
        .isInstanceOf(UnsupportedCheckpointException.class)
        .hasMessageContaining("Cannot parse")
        .hasMessageContaining("config.json");
  }

  @Test
  void aFileIsNotACheckpoint() throws IOException {
    Path file = Files.writeString(dir.resolve("model.bin"), "x");

    assertThatThrownBy(() -> MarianCheckpoint.open(file)).hasMessageContaining("not a directory");
  }

  @Test
  void opusMtNamesBecomeBundleNames() {
    assertThat(MarianImport.modelName("Helsinki-NLP/opus-mt-de-en")).isEqualTo("opus-mt-de-en");
    assertThat(MarianImport.modelName("/data/my model")).isEqualTo("my-model");
  }

  private Path withConfig(UnaryOperator<String> edit) throws IOException {
    Path copy = copy();
    Path config = copy.resolve("config.json");
    Files.writeString(config, edit.apply(Files.readString(config)));
    return copy;
  }

  private Path copy() throws IOException {
    Path copy = dir.resolve("checkpoint");
    Files.createDirectories(copy);
    try (Stream<Path> files = Files.list(MarianImportIT.CHECKPOINT)) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    return copy;
  }
}
