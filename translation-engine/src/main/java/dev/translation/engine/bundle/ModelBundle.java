package dev.translation.engine.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model version on disk: a directory holding the TorchScript module, the tokenizer's files (one
 * shared SentencePiece model, or an imported Marian model's two plus its vocabulary) and {@code
 * model.json}. {@link #open} refuses a bundle whose files are missing or differ from the checksums
 * in the manifest, so a half-copied or tampered model never serves.
 */
public final class ModelBundle {

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Path directory;
  private final ModelManifest manifest;

  private ModelBundle(Path directory, ModelManifest manifest) {
    this.directory = directory;
    this.manifest = manifest;
  }

  /** Reads and verifies the bundle in {@code directory}. */
  public static ModelBundle open(Path directory) {
    ModelManifest manifest = readManifest(directory);
    verify(directory, manifest);
    return new ModelBundle(directory, manifest);
  }

  /** Reads {@code model.json} without verifying the files (for tools that rewrite it). */
  public static ModelManifest readManifest(Path directory) {
    Path file = directory.resolve(ModelManifest.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new InvalidModelBundleException(
          "Not a model bundle: " + directory + " has no " + ModelManifest.FILE_NAME);
    }
    try {
      ModelManifest manifest = JSON.readValue(file.toFile(), ModelManifest.class);
      requireField(manifest.name(), "name", file);
      requireField(manifest.version(), "version", file);
      // Both name directories (models/NAME/VERSION) and registry rows: plain, bounded names.
      requireIdentifier(manifest.name(), "name", 80, file);
      requireIdentifier(manifest.version(), "version", 79, file);
      requireField(manifest.module(), "module", file);
      if (manifest.tokenizer() == null) {
        requireField(manifest.sentencePiece(), "sentencePiece", file);
      } else {
        ModelManifest.Tokenizer tokenizer = manifest.tokenizer();
        if (!ModelManifest.Tokenizer.MARIAN.equals(tokenizer.kind())) {
          throw new InvalidModelBundleException(
              file
                  + ": unknown tokenizer kind \""
                  + tokenizer.kind()
                  + "\" (this engine knows \""
                  + ModelManifest.Tokenizer.MARIAN
                  + "\", or no \"tokenizer\" for the shared SentencePiece model)");
        }
        requireField(tokenizer.sourcePieces(), "tokenizer.sourcePieces", file);
        requireField(tokenizer.targetPieces(), "tokenizer.targetPieces", file);
        requireField(tokenizer.vocabulary(), "tokenizer.vocabulary", file);
      }
      ModelManifest.Generation generation = manifest.decoding();
      if (!List.of(ModelManifest.Generation.GNMT, ModelManifest.Generation.HUGGING_FACE)
              .contains(generation.lengthNormalisation())
          || generation.maxLength() < 0
          || generation.beamSize() < 1
          || !Double.isFinite(generation.lengthPenalty())) {
        throw new InvalidModelBundleException(
            file
                + ": \"generation\" needs lengthNormalisation \"gnmt\" or \"hugging-face\","
                + " beamSize >= 1, maxLength >= 0 and a finite lengthPenalty; was "
                + generation);
      }
      if (manifest.tokens() == null) {
        throw new InvalidModelBundleException(file + " has no \"tokens\" section");
      }
      if (manifest.files() == null || manifest.files().isEmpty()) {
        throw new InvalidModelBundleException(file + " lists no file checksums under \"files\"");
      }
      return manifest;
    } catch (JacksonException e) {
      String field =
          e.getPath().stream()
              .map(
                  step ->
                      step.getPropertyName() != null
                          ? step.getPropertyName()
                          : "[" + step.getIndex() + "]")
              .collect(Collectors.joining("."));
      throw new InvalidModelBundleException(
          "Cannot parse "
              + file
              + (field.isEmpty() ? "" : " at \"" + field + "\"")
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }

  /**
   * Writes {@code manifest} into {@code directory}, recomputing the checksum of every other file
   * there, so the result always verifies.
   */
  public static ModelManifest writeManifest(Path directory, ModelManifest manifest) {
    Map<String, String> checksums = new TreeMap<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.sorted().toList()) {
        String fileName = file.getFileName().toString();
        if (Files.isRegularFile(file) && !fileName.equals(ModelManifest.FILE_NAME)) {
          checksums.put(fileName, sha256(file));
        }
      }
      ModelManifest complete = manifest.withFiles(checksums);
      JSON.writeValue(directory.resolve(ModelManifest.FILE_NAME).toFile(), complete);
      return complete;
    } catch (IOException e) {
      throw new InvalidModelBundleException("Cannot write manifest in " + directory, e);
    }
  }

  /**
   * Creates a bundle in {@code directory} from a module and a SentencePiece model, copied under the
   * file names the manifest gives them, with a manifest whose checksums match the copies.
   */
  public static ModelBundle create(
      Path directory, Path module, Path sentencePiece, ModelManifest manifest) {
    try {
      Files.createDirectories(directory);
      Files.copy(module, directory.resolve(manifest.module()), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          sentencePiece,
          directory.resolve(manifest.sentencePiece()),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new InvalidModelBundleException("Cannot create a bundle in " + directory, e);
    }
    return new ModelBundle(directory, writeManifest(directory, manifest));
  }

  private static void verify(Path directory, ModelManifest manifest) {
    List<String> requiredFiles = new ArrayList<>(manifest.tokenizerFiles());
    requiredFiles.add(manifest.module());
    for (String required : requiredFiles) {
      if (!manifest.files().containsKey(required)) {
        throw new InvalidModelBundleException(
            "model.json in " + directory + " has no checksum for " + required);
      }
    }
    for (Map.Entry<String, String> entry : manifest.files().entrySet()) {
      Path file = directory.resolve(entry.getKey()).normalize();
      if (!file.startsWith(directory.normalize())) {
        throw new InvalidModelBundleException(
            "model.json names a file outside the bundle: " + entry.getKey());
      }
      if (!Files.isRegularFile(file)) {
        throw new InvalidModelBundleException(
            "Model bundle " + directory + " is missing " + entry.getKey());
      }
      String actual = sha256(file);
      if (!actual.equalsIgnoreCase(entry.getValue())) {
        throw new InvalidModelBundleException(
            "Checksum mismatch for "
                + file
                + ": model.json says "
                + entry.getValue()
                + " but the file's SHA-256 is "
                + actual
                + " (incomplete copy or modified file)");
      }
    }
  }

  /**
   * The checksum of every file of the bundle in {@code directory}, {@code model.json} included, as
   * the model registry records them: {@code model.json}'s own checksum pins the checksums it lists.
   */
  public static Map<String, String> checksums(Path directory) {
    ModelBundle bundle = open(directory);
    Map<String, String> checksums = new TreeMap<>(bundle.manifest().files());
    checksums.put(ModelManifest.FILE_NAME, sha256(directory.resolve(ModelManifest.FILE_NAME)));
    return checksums;
  }

  /** SHA-256 of a file, lower-case hex. */
  public static String sha256(Path file) {
    try (DigestInputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (IOException e) {
      throw new InvalidModelBundleException("Cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }

  private static void requireIdentifier(String value, String field, int maxLength, Path file) {
    if (value.length() > maxLength || !value.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new InvalidModelBundleException(
          file
              + ": \""
              + field
              + "\" must be 1 to "
              + maxLength
              + " letters, digits, dots, dashes and underscores, starting with a letter or digit;"
              + " was \""
              + value
              + "\"");
    }
  }

  private static void requireField(String value, String field, Path file) {
    if (value == null || value.isBlank()) {
      throw new InvalidModelBundleException(file + " has no \"" + field + "\"");
    }
  }

  public Path directory() {
    return directory;
  }

  public ModelManifest manifest() {
    return manifest;
  }

  public Path modulePath() {
    return directory.resolve(manifest.module());
  }

  /** A file of the bundle, by the name the manifest gives it. */
  public Path file(String name) {
    return directory.resolve(name);
  }

  public Path sentencePiecePath() {
    return directory.resolve(manifest.sentencePiece());
  }
}
