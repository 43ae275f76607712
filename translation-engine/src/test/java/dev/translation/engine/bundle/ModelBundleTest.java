package dev.translation.engine.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.engine.bundle.ModelManifest.SpecialTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ModelBundleTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path bundle;

  @BeforeEach
  void writeBundle() throws Exception {
    Files.writeString(bundle.resolve("model.pt"), "module bytes");
    Files.writeString(bundle.resolve("sentencepiece.model"), "vocabulary bytes");
    ModelBundle.writeManifest(bundle, manifest(Map.of()));
  }

  @Test
  void openVerifiesChecksumsWrittenByWriteManifest() throws Exception {
    ModelBundle opened = ModelBundle.open(bundle);

    assertThat(opened.manifest().id()).isEqualTo("test-model@7");
    assertThat(opened.manifest().files())
        .containsOnlyKeys("model.pt", "sentencepiece.model")
        .containsEntry("model.pt", sha256Of("module bytes"));
    assertThat(opened.modulePath()).isEqualTo(bundle.resolve("model.pt"));
  }

  @Test
  void modifiedFileIsRefusedWithItsName() throws Exception {
    Files.writeString(bundle.resolve("model.pt"), "module bytes, tampered");

    assertThatThrownBy(() -> ModelBundle.open(bundle))
        .isInstanceOf(InvalidModelBundleException.class)
        .hasMessageContaining("Checksum mismatch")
        .hasMessageContaining("model.pt");
  }

  @Test
  void missingFileIsRefused() throws Exception {
    Files.delete(bundle.resolve("sentencepiece.model"));

    assertThatThrownBy(() -> ModelBundle.open(bundle))
        .isInstanceOf(InvalidModelBundleException.class)
        .hasMessageContaining("missing sentencepiece.model");
  }

  @Test
  void directoryWithoutManifestIsNotABundle(@TempDir Path empty) {
    assertThatThrownBy(() -> ModelBundle.open(empty))
        .isInstanceOf(InvalidModelBundleException.class)
        .hasMessageContaining("has no model.json");
  }

  @Test
  void unparsableManifestIsRefused() throws Exception {
    Files.writeString(bundle.resolve(ModelManifest.FILE_NAME), "{ not json");

    assertThatThrownBy(() -> ModelBundle.open(bundle))
        .isInstanceOf(InvalidModelBundleException.class)
        .hasMessageContaining("Cannot parse");
  }

  @Test
  void manifestNamingAFileOutsideTheBundleIsRefused() throws Exception {
    ModelManifest escaping =
        manifest(
            Map.of(
                "model.pt", ModelBundle.sha256(bundle.resolve("model.pt")),
                "sentencepiece.model", ModelBundle.sha256(bundle.resolve("sentencepiece.model")),
                "../outside", "00"));
    JSON.writeValue(bundle.resolve(ModelManifest.FILE_NAME).toFile(), escaping);

    assertThatThrownBy(() -> ModelBundle.open(bundle))
        .isInstanceOf(InvalidModelBundleException.class)
        .hasMessageContaining("outside the bundle");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../data", "org/model", "café", ".hidden", " x"})
  void aNameOrVersionThatIsNoPlainIdentifierIsRefused(String bad) throws Exception {
    for (String field : new String[] {"name", "version"}) {
      ObjectNode manifest = manifestJson();
      manifest.put("name", "starter");
      manifest.put("version", "1");
      manifest.put(field, bad);
      writeManifestJson(manifest);

      assertThatThrownBy(() -> ModelBundle.readManifest(bundle))
          .isInstanceOf(InvalidModelBundleException.class)
          .hasMessageContaining("\"" + field + "\" must be");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"name", "version", "module", "sentencePiece", "tokens", "files"})
  void aManifestWithoutARequiredFieldIsRefusedNamingIt(String field) throws Exception {
    ObjectNode manifest = manifestJson();
    manifest.remove(field);
    writeManifestJson(manifest);

    assertThatThrownBy(() -> ModelBundle.open(bundle))
        .isInstanceOf(InvalidModelBundleException.class)
        .hasMessageContaining("\"" + field + "\"");
  }

  @Test
  void aFieldOfTheWrongTypeIsRefusedNamingIt() throws Exception {
    ObjectNode manifest = manifestJson();
    manifest.put("maxSourceTokens", "many");
    writeManifestJson(manifest);

    assertThatThrownBy(() -> ModelBundle.open(bundle))
        .isInstanceOf(InvalidModelBundleException.class)
        .hasMessageContaining("Cannot parse")
        .hasMessageContaining("maxSourceTokens");
  }

  @Test
  void aChecksumThatIsNotTheFilesIsRefused() throws Exception {
    ObjectNode manifest = manifestJson();
    ((ObjectNode) manifest.get("files")).put("sentencepiece.model", "not-a-sha256");
    writeManifestJson(manifest);

    assertThatThrownBy(() -> ModelBundle.open(bundle))
        .isInstanceOf(InvalidModelBundleException.class)
        .hasMessageContaining("Checksum mismatch")
        .hasMessageContaining("sentencepiece.model")
        .hasMessageContaining("not-a-sha256");
  }

  @Test
  void aModuleWithoutAChecksumIsRefused() throws Exception {
    ObjectNode manifest = manifestJson();
    ((ObjectNode) manifest.get("files")).remove("model.pt");
    writeManifestJson(manifest);

    assertThatThrownBy(() -> ModelBundle.open(bundle))
        .isInstanceOf(InvalidModelBundleException.class)
        .hasMessageContaining("no checksum for model.pt");
  }

  private ObjectNode manifestJson() throws Exception {
    return (ObjectNode) JSON.readTree(bundle.resolve(ModelManifest.FILE_NAME).toFile());
  }

  private void writeManifestJson(ObjectNode manifest) throws Exception {
    JSON.writeValue(bundle.resolve(ModelManifest.FILE_NAME).toFile(), manifest);
  }

  private static String sha256Of(String content) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static ModelManifest manifest(Map<String, String> files) {
    return new ModelManifest(
        "test-model",
        "7",
        "de",
        "en",
        "model.pt",
        "sentencepiece.model",
        null,
        new SpecialTokens(0, 1, 2, 3),
        256,
        256,
        null,
        Map.of(),
        null,
        List.of(),
        files,
        null);
  }
}
