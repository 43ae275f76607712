package dev.translation.training.marian;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Hugging Face Marian (Opus-MT) checkpoint directory, read and checked: {@code config.json},
 * {@code generation_config.json} (optional), {@code model.safetensors} or {@code
 * pytorch_model.bin}, {@code source.spm}, {@code target.spm} and {@code vocab.json}. Everything the
 * engine's Marian module does not implement exactly is refused here, with the setting that says so.
 */
public record MarianCheckpoint(
    Path directory,
    String name,
    Architecture architecture,
    Generation generation,
    Map<String, Integer> vocabulary,
    TokenizerSettings tokenizer,
    Path weights) {

  public static final String CONFIG = "config.json";
  public static final String GENERATION_CONFIG = "generation_config.json";
  public static final String SOURCE_PIECES = "source.spm";
  public static final String TARGET_PIECES = "target.spm";
  public static final String VOCABULARY = "vocab.json";
  public static final String TOKENIZER_CONFIG = "tokenizer_config.json";

  /** Most positions a checkpoint may have; Opus-MT models have 512. */
  static final int MAX_POSITIONS = 65_536;

  static final List<String> WEIGHT_FILES = List.of("model.safetensors", "pytorch_model.bin");

  /**
   * The model's shape and special ids, from {@code config.json}.
   *
   * @param dModel width of every layer
   * @param encoderLayers encoder layer count
   * @param decoderLayers decoder layer count
   * @param heads attention heads (the same on both sides)
   * @param encoderFfn encoder feed-forward width
   * @param decoderFfn decoder feed-forward width
   * @param vocabSize ids of the shared vocabulary
   * @param maxPositions rows of the sinusoidal position tables
   * @param scaleEmbedding whether embeddings are multiplied by sqrt(dModel)
   * @param padId padding, also the token decoding starts from
   * @param eosId end of sentence
   */
  public record Architecture(
      int dModel,
      int encoderLayers,
      int decoderLayers,
      int heads,
      int encoderFfn,
      int decoderFfn,
      int vocabSize,
      int maxPositions,
      boolean scaleEmbedding,
      int padId,
      int eosId) {}

  /**
   * How Hugging Face's {@code generate} decodes with this checkpoint by default.
   *
   * @param maxLength Hugging Face's {@code max_length}: the decoder sequence including its start
   *     token
   * @param beams {@code num_beams}
   * @param lengthPenalty {@code length_penalty}
   * @param renormalizeLogits {@code renormalize_logits}
   * @param forcedEos whether the end token is forced at the cap ({@code forced_eos_token_id})
   * @param badWordsPad whether greedy search never emits padding ({@code bad_words_ids} [[pad]];
   *     beam search never does for Marian models)
   */
  public record Generation(
      int maxLength,
      int beams,
      double lengthPenalty,
      boolean renormalizeLogits,
      boolean forcedEos,
      boolean badWordsPad) {}

  /**
   * What {@code tokenizer_config.json} says, when present.
   *
   * @param sourceLanguage {@code source_lang}, or null
   * @param targetLanguage {@code target_lang}, or null
   * @param cleanUpSpaces {@code clean_up_tokenization_spaces}: whether decoded text has spaces
   *     before punctuation and English contractions removed; transformers 4.x does it when the key
   *     is absent, as in Opus-MT's files
   */
  public record TokenizerSettings(
      String sourceLanguage, String targetLanguage, boolean cleanUpSpaces) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Reads and checks the checkpoint in {@code directory}; the weights are read later. */
  public static MarianCheckpoint open(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new UnsupportedCheckpointException(
          directory
              + " is not a directory (give the directory of a Hugging Face Marian checkpoint)");
    }
    for (String required : List.of(CONFIG, VOCABULARY)) {
      requireFile(directory, required);
    }
    JsonNode config = readJson(directory.resolve(CONFIG));
    if (config.path("separate_vocabs").asBoolean(false)
        || Files.exists(directory.resolve("target_vocab.json"))) {
      throw new UnsupportedCheckpointException(
          directory
              + " has separate source and target vocabularies (separate_vocabs); only Opus-MT"
              + " checkpoints with one shared vocab.json are supported");
    }
    requireFile(directory, SOURCE_PIECES);
    requireFile(directory, TARGET_PIECES);
    Path weights =
        WEIGHT_FILES.stream()
            .map(directory::resolve)
            .filter(Files::isRegularFile)
            .findFirst()
            .orElseThrow(
                () ->
                    new UnsupportedCheckpointException(
                        directory
                            + " holds no weights: expected "
                            + String.join(" or ", WEIGHT_FILES)
                            + " (TensorFlow and Flax weights are not read)"));
    Architecture architecture = architecture(config, directory.resolve(CONFIG));
    JsonNode generationConfig =
        Files.isRegularFile(directory.resolve(GENERATION_CONFIG))
            ? readJson(directory.resolve(GENERATION_CONFIG))
            : config;
    Generation generation =
        generation(generationConfig, architecture, directory.resolve(GENERATION_CONFIG));
    Map<String, Integer> vocabulary = vocabulary(directory.resolve(VOCABULARY), architecture);
    String name = config.path("_name_or_path").asString("");
    if (name.isBlank()) {
      name = directory.toAbsolutePath().normalize().getFileName().toString();
    }
    Path tokenizerFile = directory.resolve(TOKENIZER_CONFIG);
    JsonNode tokenizerConfig =
        Files.isRegularFile(tokenizerFile) ? readJson(tokenizerFile) : JSON.createObjectNode();
    TokenizerSettings tokenizer =
        new TokenizerSettings(
            tokenizerConfig.path("source_lang").asString(null),
            tokenizerConfig.path("target_lang").asString(null),
            tokenizerConfig.path("clean_up_tokenization_spaces").asBoolean(true));
    if (tokenizerConfig.path("separate_vocabs").asBoolean(false)) {
      throw new UnsupportedCheckpointException(
          tokenizerFile
              + ": separate_vocabs is true; only Opus-MT checkpoints with one shared vocab.json"
              + " are supported");
    }
    return new MarianCheckpoint(
        directory, name, architecture, generation, vocabulary, tokenizer, weights);
  }

  private static Architecture architecture(JsonNode config, Path file) {
    String modelType = config.path("model_type").asString("");
    if (!modelType.equals("marian")) {
      throw new UnsupportedCheckpointException(
          file
              + ": model_type is \""
              + modelType
              + "\"; only \"marian\" checkpoints are supported");
    }
    String activation = config.path("activation_function").asString("swish");
    if (!activation.equals("swish") && !activation.equals("silu")) {
      throw new UnsupportedCheckpointException(
          file
              + ": activation_function \""
              + activation
              + "\" is not supported (Opus-MT models use \"swish\")");
    }
    refuseIf(config, file, "normalize_embedding", true, "normalised embeddings");
    refuseIf(config, file, "normalize_before", true, "pre-norm layers");
    refuseIf(config, file, "add_final_layer_norm", true, "a final layer norm");
    refuseIf(config, file, "static_position_embeddings", false, "learned position embeddings");
    refuseIf(config, file, "share_encoder_decoder_embeddings", false, "separate embeddings");
    refuseIf(config, file, "tie_word_embeddings", false, "an output projection of its own");
    refuseIf(config, file, "add_bias_logits", true, "a bias on the output projection");
    int dModel = positive(config, "d_model", file);
    int encoderHeads = positive(config, "encoder_attention_heads", file);
    int decoderHeads = positive(config, "decoder_attention_heads", file);
    if (encoderHeads != decoderHeads) {
      throw new UnsupportedCheckpointException(
          file
              + ": encoder and decoder have different head counts ("
              + encoderHeads
              + ", "
              + decoderHeads
              + "); only equal counts are supported");
    }
    if (dModel % encoderHeads != 0) {
      throw new UnsupportedCheckpointException(
          file + ": d_model " + dModel + " is not divisible by " + encoderHeads + " heads");
    }
    int vocabSize = positive(config, "vocab_size", file);
    if (config.has("decoder_vocab_size")
        && !config.get("decoder_vocab_size").isNull()
        && config.get("decoder_vocab_size").asInt() != vocabSize) {
      throw new UnsupportedCheckpointException(
          file + ": decoder_vocab_size differs from vocab_size (separate vocabularies)");
    }
    int padId = nonNegative(config, "pad_token_id", file);
    int eosId = nonNegative(config, "eos_token_id", file);
    int start = config.path("decoder_start_token_id").asInt(padId);
    if (start != padId) {
      throw new UnsupportedCheckpointException(
          file
              + ": decoder_start_token_id "
              + start
              + " differs from pad_token_id "
              + padId
              + "; Marian decoding starts from padding");
    }
    if (padId >= vocabSize || eosId >= vocabSize) {
      throw new UnsupportedCheckpointException(
          file + ": pad_token_id and eos_token_id must be below vocab_size " + vocabSize);
    }
    int maxPositions = positive(config, "max_position_embeddings", file);
    // The position table is computed before any weight is read: bound what a config may ask for.
    if (maxPositions > MAX_POSITIONS || (long) maxPositions * dModel > Integer.MAX_VALUE) {
      throw new UnsupportedCheckpointException(
          file
              + ": max_position_embeddings "
              + maxPositions
              + " is beyond what is supported ("
              + MAX_POSITIONS
              + " positions)");
    }
    return new Architecture(
        dModel,
        positive(config, "encoder_layers", file),
        positive(config, "decoder_layers", file),
        encoderHeads,
        positive(config, "encoder_ffn_dim", file),
        positive(config, "decoder_ffn_dim", file),
        vocabSize,
        maxPositions,
        config.path("scale_embedding").asBoolean(false),
        padId,
        eosId);
  }

  private static Generation generation(JsonNode config, Architecture architecture, Path file) {
    int maxLength = config.path("max_length").asInt(20);
    if (maxLength < 2) {
      throw new UnsupportedCheckpointException(file + ": max_length must be at least 2");
    }
    int beams = config.path("num_beams").asInt(1);
    if (beams < 1 || beams > 16) {
      throw new UnsupportedCheckpointException(file + ": num_beams must be 1 to 16, was " + beams);
    }
    for (String id : List.of("pad_token_id", "eos_token_id", "decoder_start_token_id")) {
      JsonNode value = config.path(id);
      int expected = id.equals("eos_token_id") ? architecture.eosId() : architecture.padId();
      if (!value.isMissingNode() && !value.isNull() && value.asInt() != expected) {
        throw new UnsupportedCheckpointException(
            file + ": " + id + " " + value + " differs from config.json's " + expected);
      }
    }
    JsonNode forcedEos = config.path("forced_eos_token_id");
    boolean forced = !forcedEos.isMissingNode() && !forcedEos.isNull();
    if (forced && forcedEos.asInt() != architecture.eosId()) {
      throw new UnsupportedCheckpointException(
          file + ": forced_eos_token_id differs from eos_token_id");
    }
    JsonNode badWords = config.path("bad_words_ids");
    boolean banned = !badWords.isMissingNode() && !badWords.isNull();
    if (banned) {
      boolean onlyPad =
          badWords.isArray()
              && badWords.size() == 1
              && badWords.get(0).isArray()
              && badWords.get(0).size() == 1
              && badWords.get(0).get(0).asInt() == architecture.padId();
      if (!onlyPad) {
        throw new UnsupportedCheckpointException(
            file + ": bad_words_ids other than [[pad_token_id]] are not supported: " + badWords);
      }
    }
    refuseSetting(config, file, "do_sample", "true", "sampling");
    refuseSetting(config, file, "early_stopping", "true", "early_stopping");
    refuseSetting(config, file, "early_stopping", "never", "early_stopping");
    for (String unset :
        List.of(
            "forced_bos_token_id",
            "max_new_tokens",
            "suppress_tokens",
            "begin_suppress_tokens",
            "exponential_decay_length_penalty",
            "constraints",
            "force_words_ids")) {
      JsonNode value = config.path(unset);
      if (!value.isMissingNode() && !value.isNull() && !(value.isArray() && value.isEmpty())) {
        throw new UnsupportedCheckpointException(
            file + ": " + unset + " is not supported (it is " + value + ")");
      }
    }
    if (config.path("no_repeat_ngram_size").asInt(0) > 0
        || config.path("encoder_no_repeat_ngram_size").asInt(0) > 0
        || config.path("min_length").asInt(0) > 0
        || config.path("min_new_tokens").asInt(0) > 0
        || config.path("repetition_penalty").asDouble(1.0) != 1.0
        || config.path("num_beam_groups").asInt(1) > 1
        || config.path("num_return_sequences").asInt(1) > 1) {
      throw new UnsupportedCheckpointException(
          file
              + ": no_repeat_ngram_size, encoder_no_repeat_ngram_size, min_length,"
              + " min_new_tokens, repetition_penalty, num_beam_groups and num_return_sequences"
              + " must keep their defaults");
    }
    double lengthPenalty = config.path("length_penalty").asDouble(1.0);
    if (!Double.isFinite(lengthPenalty) || Math.abs(lengthPenalty) > 10) {
      throw new UnsupportedCheckpointException(
          file + ": length_penalty " + lengthPenalty + " is out of range");
    }
    return new Generation(
        maxLength,
        beams,
        lengthPenalty,
        config.path("renormalize_logits").asBoolean(false),
        forced,
        banned);
  }

  private static Map<String, Integer> vocabulary(Path file, Architecture architecture) {
    JsonNode node = readJson(file);
    if (!node.isObject()) {
      throw new UnsupportedCheckpointException(file + " must be a JSON object from piece to id");
    }
    Map<String, Integer> vocabulary = new LinkedHashMap<>();
    boolean[] seen = new boolean[architecture.vocabSize()];
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      JsonNode id = entry.getValue();
      if (!id.isInt() || id.asInt() < 0 || id.asInt() >= seen.length || seen[id.asInt()]) {
        throw new UnsupportedCheckpointException(
            file
                + ": \""
                + entry.getKey()
                + "\" maps to "
                + id
                + "; ids must be distinct integers from 0 to vocab_size - 1 = "
                + (seen.length - 1));
      }
      seen[id.asInt()] = true;
      vocabulary.put(entry.getKey(), id.asInt());
    }
    if (vocabulary.size() != architecture.vocabSize()) {
      throw new UnsupportedCheckpointException(
          file
              + " has "
              + vocabulary.size()
              + " pieces but config.json says vocab_size "
              + architecture.vocabSize());
    }
    Map<String, Integer> expected = new HashMap<>();
    expected.put("</s>", architecture.eosId());
    expected.put("<pad>", architecture.padId());
    for (Map.Entry<String, Integer> special : expected.entrySet()) {
      if (!special.getValue().equals(vocabulary.get(special.getKey()))) {
        throw new UnsupportedCheckpointException(
            file
                + ": \""
                + special.getKey()
                + "\" must have id "
                + special.getValue()
                + " as in config.json, has "
                + vocabulary.get(special.getKey()));
      }
    }
    List<String> languageTokens =
        vocabulary.keySet().stream().filter(piece -> piece.matches(">>.+<<")).limit(3).toList();
    if (!languageTokens.isEmpty()) {
      throw new UnsupportedCheckpointException(
          file
              + " holds target-language tokens ("
              + String.join(", ", languageTokens)
              + ", ...): models that need one at the start of every source are not supported");
    }
    if (!vocabulary.containsKey("<unk>")) {
      throw new UnsupportedCheckpointException(file + " has no \"<unk>\" piece");
    }
    return vocabulary;
  }

  /** The id of the unknown piece. */
  public int unkId() {
    return vocabulary.get("<unk>");
  }

  /** The files this checkpoint was made of, for provenance. */
  public List<Path> files() {
    List<Path> files = new ArrayList<>();
    files.add(directory.resolve(CONFIG));
    if (Files.isRegularFile(directory.resolve(GENERATION_CONFIG))) {
      files.add(directory.resolve(GENERATION_CONFIG));
    }
    files.add(weights);
    files.add(directory.resolve(SOURCE_PIECES));
    files.add(directory.resolve(TARGET_PIECES));
    files.add(directory.resolve(VOCABULARY));
    if (Files.isRegularFile(directory.resolve(TOKENIZER_CONFIG))) {
      files.add(directory.resolve(TOKENIZER_CONFIG));
    }
    return files;
  }

  private static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (JacksonException e) {
      throw new UnsupportedCheckpointException(
          "Cannot parse " + file + ": " + e.getOriginalMessage(), e);
    }
  }

  private static void requireFile(Path directory, String name) {
    if (!Files.isRegularFile(directory.resolve(name))) {
      throw new UnsupportedCheckpointException(
          directory
              + " has no "
              + name
              + " (a Marian checkpoint holds config.json, vocab.json, source.spm, target.spm and"
              + " its weights)");
    }
  }

  private static void refuseIf(
      JsonNode config, Path file, String field, boolean refused, String what) {
    JsonNode value = config.path(field);
    if (value.isBoolean() && value.asBoolean() == refused) {
      throw new UnsupportedCheckpointException(
          file + ": " + field + " is " + refused + "; models with " + what + " are not supported");
    }
  }

  private static void refuseSetting(
      JsonNode config, Path file, String field, String refused, String what) {
    JsonNode value = config.path(field);
    if (!value.isMissingNode() && value.asString("").equals(refused)) {
      throw new UnsupportedCheckpointException(
          file + ": " + field + " = " + refused + " is not supported (" + what + ")");
    }
  }

  private static int positive(JsonNode config, String field, Path file) {
    int value = nonNegative(config, field, file);
    if (value == 0) {
      throw new UnsupportedCheckpointException(file + ": " + field + " must be positive");
    }
    return value;
  }

  private static int nonNegative(JsonNode config, String field, Path file) {
    JsonNode value = config.get(field);
    if (value == null
        || !value.canConvertToInt()
        || !value.isIntegralNumber()
        || value.asInt() < 0) {
      throw new UnsupportedCheckpointException(
          file + ": \"" + field + "\" must be a non-negative integer, was " + value);
    }
    return value.asInt();
  }
}
