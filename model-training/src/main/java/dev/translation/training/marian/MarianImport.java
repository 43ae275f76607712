package dev.translation.training.marian;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.engine.bundle.TorchScriptModule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Converts a Hugging Face Marian (Opus-MT) checkpoint into a model bundle the engine serves like
 * any other, with Java only: the architecture is a weightless TorchScript module shipped in this
 * jar ({@code marian.pt}, written by {@code src/main/python/marian_with_beam_search.py}); the
 * checkpoint's tensors are handed to its {@code install} method and the module is saved with them.
 * The bundle decodes as Hugging Face's {@code generate} does with the checkpoint's generation
 * settings, and its {@code model.json} records where it came from.
 */
public final class MarianImport {

  /** File of the architecture module inside this jar. */
  static final String TEMPLATE = "marian.pt";

  /** Copies of the shared embedding that Hugging Face ties to it rather than reads. */
  private static final List<String> TIED =
      List.of(
          "lm_head.weight",
          "model.encoder.embed_tokens.weight",
          "model.decoder.embed_tokens.weight");

  private static final Pattern OPUS_MT_PAIR =
      Pattern.compile("opus-mt-(?:tc-(?:big|base)-)?([a-z]{2,3})-([a-z]{2,3})$");

  private MarianImport() {}

  /**
   * What to convert and where to.
   *
   * @param checkpoint the checkpoint directory
   * @param bundle the bundle directory to create; it must not exist yet
   * @param name model name; null for the checkpoint's, e.g. {@code opus-mt-de-en}
   * @param version model version; null for {@code 1}
   * @param sourceLanguage ISO 639 code; null for the checkpoint's ({@code tokenizer_config.json} or
   *     an Opus-MT name)
   * @param targetLanguage ISO 639 code; null for the checkpoint's
   * @param maxLength Hugging Face's {@code max_length} (start token included) to decode with; null
   *     for the checkpoint's
   * @param lengthNormalisation {@value ModelManifest.Generation#HUGGING_FACE} (as the checkpoint's
   *     own software) or {@value ModelManifest.Generation#GNMT}; null for the first
   */
  public record Request(
      Path checkpoint,
      Path bundle,
      String name,
      String version,
      String sourceLanguage,
      String targetLanguage,
      Integer maxLength,
      String lengthNormalisation) {

    public static Request of(Path checkpoint, Path bundle) {
      return new Request(checkpoint, bundle, null, null, null, null, null, null);
    }

    public Request withName(String newName, String newVersion) {
      return new Request(
          checkpoint,
          bundle,
          newName,
          newVersion,
          sourceLanguage,
          targetLanguage,
          maxLength,
          lengthNormalisation);
    }

    public Request withMaxLength(Integer newMaxLength) {
      return new Request(
          checkpoint,
          bundle,
          name,
          version,
          sourceLanguage,
          targetLanguage,
          newMaxLength,
          lengthNormalisation);
    }

    public Request withLanguages(String source, String target) {
      return new Request(
          checkpoint, bundle, name, version, source, target, maxLength, lengthNormalisation);
    }

    public Request withLengthNormalisation(String normalisation) {
      return new Request(
          checkpoint,
          bundle,
          name,
          version,
          sourceLanguage,
          targetLanguage,
          maxLength,
          normalisation);
    }
  }

  /**
   * Converts the checkpoint. The bundle is written in a sibling directory and moved into place when
   * complete, so a failed conversion leaves nothing behind.
   *
   * @throws UnsupportedCheckpointException for a checkpoint that is incomplete, inconsistent or a
   *     variant the engine does not implement
   * @throws CheckpointFormatException for a weights file that cannot be parsed
   */
  public static ModelManifest run(Request request, Consumer<String> progress) throws IOException {
    MarianCheckpoint checkpoint = MarianCheckpoint.open(request.checkpoint());
    if (Files.exists(request.bundle())) {
      throw new IllegalArgumentException(
          request.bundle() + " already exists; choose a new directory for the bundle");
    }
    String normalisation =
        request.lengthNormalisation() != null
            ? request.lengthNormalisation()
            : ModelManifest.Generation.HUGGING_FACE;
    if (!List.of(ModelManifest.Generation.HUGGING_FACE, ModelManifest.Generation.GNMT)
        .contains(normalisation)) {
      throw new IllegalArgumentException(
          "length normalisation must be \""
              + ModelManifest.Generation.HUGGING_FACE
              + "\" or \""
              + ModelManifest.Generation.GNMT
              + "\", was \""
              + normalisation
              + "\"");
    }
    String[] languages = languages(request, checkpoint);
    String name = request.name() != null ? request.name() : modelName(checkpoint.name());
    String version = request.version() != null ? request.version() : "1";
    MarianCheckpoint.Architecture architecture = checkpoint.architecture();
    int hfMaxLength =
        request.maxLength() != null ? request.maxLength() : checkpoint.generation().maxLength();
    if (hfMaxLength < 2) {
      throw new IllegalArgumentException("max length must be at least 2, was " + hfMaxLength);
    }
    // Output tokens, end token included: the decoder's sequence without its start token, and no
    // more positions than the checkpoint has.
    int outputCap = Math.min(hfMaxLength - 1, architecture.maxPositions());

    Path parent = request.bundle().toAbsolutePath().normalize().getParent();
    Files.createDirectories(parent);
    Path staging =
        Files.createTempDirectory(parent, request.bundle().getFileName() + ".importing-");
    boolean complete = false;
    try {
      progress.accept("reading " + checkpoint.weights());
      long parameters;
      try (Model module = loadTemplate(staging)) {
        parameters = install(module, checkpoint, progress);
        TorchScriptModule.save(module, staging.resolve("model.pt"));
      } finally {
        Files.deleteIfExists(staging.resolve(TEMPLATE));
      }
      for (String file :
          List.of(
              MarianCheckpoint.SOURCE_PIECES,
              MarianCheckpoint.TARGET_PIECES,
              MarianCheckpoint.VOCABULARY)) {
        Files.copy(checkpoint.directory().resolve(file), staging.resolve(file));
      }
      Map<String, String> origin = new TreeMap<>();
      for (Path file : checkpoint.files()) {
        origin.put(file.getFileName().toString(), ModelBundle.sha256(file));
      }
      ModelManifest manifest =
          new ModelManifest(
              name,
              version,
              languages[0],
              languages[1],
              "model.pt",
              null,
              new ModelManifest.Tokenizer(
                  ModelManifest.Tokenizer.MARIAN,
                  MarianCheckpoint.SOURCE_PIECES,
                  MarianCheckpoint.TARGET_PIECES,
                  MarianCheckpoint.VOCABULARY,
                  checkpoint.tokenizer().cleanUpSpaces()),
              new ModelManifest.SpecialTokens(
                  architecture.padId(),
                  checkpoint.unkId(),
                  architecture.padId(),
                  architecture.eosId()),
              architecture.maxPositions(),
              outputCap,
              new ModelManifest.Generation(
                  normalisation,
                  checkpoint.generation().lengthPenalty(),
                  checkpoint.generation().beams(),
                  outputCap),
              architectureSummary(architecture, checkpoint.generation(), parameters),
              null,
              List.of(),
              Map.of(),
              new ModelManifest.Origin("hugging-face-marian", checkpoint.name(), origin));
      ModelManifest written = ModelBundle.writeManifest(staging, manifest);
      // Not an atomic move: on Linux that would silently replace an empty directory of that name.
      Files.move(staging, request.bundle());
      complete = true;
      progress.accept(
          "wrote "
              + request.bundle()
              + " ("
              + written.id()
              + ", "
              + parameters
              + " parameters, output cap "
              + outputCap
              + " tokens)");
      return written;
    } finally {
      if (!complete) {
        deleteRecursively(staging);
      }
    }
  }

  /** Checks every tensor the module needs, then hands them to its {@code install} method. */
  private static long install(Model module, MarianCheckpoint checkpoint, Consumer<String> progress)
      throws IOException {
    MarianCheckpoint.Architecture a = checkpoint.architecture();
    Weights weights = new Weights(StateDict.read(checkpoint.weights()), checkpoint.weights());
    long d = a.dModel();
    weights.take("model.shared.weight", a.vocabSize(), d);
    for (int i = 0; i < a.encoderLayers(); i++) {
      String p = "model.encoder.layers." + i + ".";
      weights.attention(p + "self_attn", d);
      weights.layerNorm(p + "self_attn_layer_norm", d);
      weights.feedForward(p, d, a.encoderFfn());
    }
    for (int i = 0; i < a.decoderLayers(); i++) {
      String p = "model.decoder.layers." + i + ".";
      weights.attention(p + "self_attn", d);
      weights.layerNorm(p + "self_attn_layer_norm", d);
      weights.attention(p + "encoder_attn", d);
      weights.layerNorm(p + "encoder_attn_layer_norm", d);
      weights.feedForward(p, d, a.decoderFfn());
    }
    float[] shared = weights.values.get("model.shared.weight");
    for (String tied : TIED) {
      if (weights.dict.contains(tied)
          && !Arrays.equals(weights.require(tied, a.vocabSize(), d), shared)) {
        throw new UnsupportedCheckpointException(
            checkpoint.weights()
                + ": "
                + tied
                + " differs from model.shared.weight; only checkpoints with one shared embedding"
                + " tied to the output projection are supported");
      }
    }
    weights.put(
        "final_logits_bias",
        weights.dict.contains("final_logits_bias")
            ? weights.require("final_logits_bias", 1, a.vocabSize())
            : new float[a.vocabSize()],
        1,
        a.vocabSize());
    for (String side : List.of("encoder", "decoder")) {
      String stored = "model." + side + ".embed_positions.weight";
      weights.put(
          side + "_positions",
          weights.dict.contains(stored)
              ? weights.require(stored, a.maxPositions(), d)
              : sinusoids(a.maxPositions(), a.dModel()),
          a.maxPositions(),
          d);
    }
    List<String> unused =
        weights.dict.names().stream()
            .filter(n -> !weights.values.containsKey(n) && !TIED.contains(n))
            .filter(n -> !n.endsWith("embed_positions.weight"))
            .sorted()
            .toList();
    if (!unused.isEmpty()) {
      progress.accept(
          "ignoring "
              + unused.size()
              + " tensors the architecture does not use (as Hugging Face does): "
              + String.join(", ", unused.subList(0, Math.min(5, unused.size())))
              + (unused.size() > 5 ? ", ..." : ""));
    }
    long parameters =
        weights.values.entrySet().stream()
            .filter(e -> !e.getKey().endsWith("_positions"))
            .mapToLong(e -> e.getValue().length)
            .sum();

    PtSymbolBlock block = (PtSymbolBlock) module.getBlock();
    try (NDManager manager = module.getNDManager().newSubManager()) {
      Map<String, PtNDArray> tensors = new LinkedHashMap<>();
      for (Map.Entry<String, float[]> entry : weights.values.entrySet()) {
        tensors.put(
            entry.getKey(),
            (PtNDArray)
                manager.create(entry.getValue(), new Shape(weights.shapes.get(entry.getKey()))));
      }
      weights.values.clear();
      long[] config = {
        a.encoderLayers(),
        a.decoderLayers(),
        a.heads(),
        a.padId(),
        a.eosId(),
        a.scaleEmbedding() ? 1 : 0,
        checkpoint.generation().renormalizeLogits() ? 1 : 0,
        checkpoint.generation().forcedEos() ? 1 : 0,
        checkpoint.generation().badWordsPad() ? 1 : 0
      };
      try (IValue weightsValue = IValue.stringMapFrom(tensors);
          IValue configValue = IValue.listFrom(config);
          IValue result = IValueUtils.runMethod(block, "install", weightsValue, configValue)) {
        if (result.toLong() != 0) {
          throw new IllegalStateException("the Marian module refused its weights");
        }
      }
    }
    return parameters;
  }

  /**
   * Marian's fixed position table: angle(pos, j) = pos / 10000^(2 * floor(j / 2) / dim), sines of
   * the even columns in the first half, cosines of the odd ones in the second; computed in double
   * and rounded to float, as Hugging Face does.
   */
  static float[] sinusoids(int positions, int dim) {
    float[] table = new float[positions * dim];
    int sines = (dim + 1) / 2;
    for (int pos = 0; pos < positions; pos++) {
      for (int j = 0; j < dim; j++) {
        double angle = pos / Math.pow(10000, 2 * (j / 2) / (double) dim);
        int column = j % 2 == 0 ? j / 2 : sines + j / 2;
        table[pos * dim + column] = (float) (j % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
      }
    }
    return table;
  }

  private static Model loadTemplate(Path directory) throws IOException {
    Path file = directory.resolve(TEMPLATE);
    try (InputStream in = MarianImport.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException(TEMPLATE + " is missing from the model-training jar");
      }
      Files.copy(in, file);
    }
    return TorchScriptModule.load(file, "marian", false);
  }

  private static String[] languages(Request request, MarianCheckpoint checkpoint) {
    if (request.sourceLanguage() != null && request.targetLanguage() != null) {
      return new String[] {request.sourceLanguage(), request.targetLanguage()};
    }
    MarianCheckpoint.TokenizerSettings tokenizer = checkpoint.tokenizer();
    if (tokenizer.sourceLanguage() != null && tokenizer.targetLanguage() != null) {
      return new String[] {tokenizer.sourceLanguage(), tokenizer.targetLanguage()};
    }
    Matcher matcher = OPUS_MT_PAIR.matcher(checkpoint.name().toLowerCase(Locale.ROOT));
    if (!matcher.find()) {
      throw new IllegalArgumentException(
          "cannot tell the languages from the checkpoint's name \""
              + checkpoint.name()
              + "\"; give them (for example --languages de-en)");
    }
    return new String[] {matcher.group(1), matcher.group(2)};
  }

  /** The last part of a Hugging Face name, as a bundle name: {@code opus-mt-de-en}. */
  static String modelName(String checkpointName) {
    String last = checkpointName.substring(checkpointName.lastIndexOf('/') + 1);
    String cleaned = last.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
    if (cleaned.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot make a model name of \"" + checkpointName + "\"; give one with --name");
    }
    return cleaned.length() > 80 ? cleaned.substring(0, 80) : cleaned;
  }

  private static Map<String, Object> architectureSummary(
      MarianCheckpoint.Architecture a, MarianCheckpoint.Generation generation, long parameters) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("kind", "marian");
    summary.put("d_model", a.dModel());
    summary.put("encoder_layers", a.encoderLayers());
    summary.put("decoder_layers", a.decoderLayers());
    summary.put("heads", a.heads());
    summary.put("encoder_ffn_dim", a.encoderFfn());
    summary.put("decoder_ffn_dim", a.decoderFfn());
    summary.put("vocab_size", a.vocabSize());
    summary.put("max_position_embeddings", a.maxPositions());
    summary.put("activation", "swish");
    summary.put("scale_embedding", a.scaleEmbedding());
    summary.put("parameters", parameters);
    // Built into the module: how the checkpoint's own generate decodes.
    summary.put("forced_eos", generation.forcedEos());
    summary.put("never_generates_pad", generation.badWordsPad());
    summary.put("renormalize_logits", generation.renormalizeLogits());
    return summary;
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** The tensors collected for the module, looked up with the weights file in every message. */
  private static final class Weights {
    final StateDict dict;
    final Path file;
    final Map<String, float[]> values = new LinkedHashMap<>();
    final Map<String, long[]> shapes = new LinkedHashMap<>();

    Weights(StateDict dict, Path file) {
      this.dict = dict;
      this.file = file;
    }

    void take(String name, long... shape) {
      put(name, require(name, shape), shape);
    }

    void put(String name, float[] tensor, long... shape) {
      values.put(name, tensor);
      shapes.put(name, shape);
    }

    void attention(String prefix, long d) {
      for (String projection : List.of("q_proj", "k_proj", "v_proj", "out_proj")) {
        take(prefix + "." + projection + ".weight", d, d);
        take(prefix + "." + projection + ".bias", d);
      }
    }

    void layerNorm(String prefix, long d) {
      take(prefix + ".weight", d);
      take(prefix + ".bias", d);
    }

    void feedForward(String prefix, long d, long ffn) {
      take(prefix + "fc1.weight", ffn, d);
      take(prefix + "fc1.bias", ffn);
      take(prefix + "fc2.weight", d, ffn);
      take(prefix + "fc2.bias", d);
      layerNorm(prefix + "final_layer_norm", d);
    }

    float[] require(String name, long... shape) {
      if (!dict.contains(name)) {
        throw new UnsupportedCheckpointException(
            file + " has no tensor " + name + " (config.json promises it)");
      }
      Tensor tensor = dict.get(name);
      if (!Arrays.equals(tensor.shape(), shape)) {
        throw new UnsupportedCheckpointException(
            file
                + ": "
                + name
                + " has shape "
                + Arrays.toString(tensor.shape())
                + " but config.json implies "
                + Arrays.toString(shape));
      }
      return tensor.values();
    }
  }
}
