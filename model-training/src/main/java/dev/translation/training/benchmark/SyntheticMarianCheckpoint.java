package dev.translation.training.benchmark;

import ai.djl.sentencepiece.SpTokenizer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a Hugging Face Marian checkpoint with Opus-MT's shapes and random weights, for speed and
 * memory measurements where no real checkpoint can be downloaded. The tokenizer is a real one (the
 * given SentencePiece model serves as both source.spm and target.spm); the vocabulary holds its
 * pieces and is filled up to the requested size. Random weights never choose the end token, so
 * every output runs to the {@code max_length} written into the configuration (raising the end
 * token's bias does not help: a random decoder ends every sentence at once or none).
 */
public final class SyntheticMarianCheckpoint {

  /**
   * The shapes to write.
   *
   * @param dModel layer width (Opus-MT: 512)
   * @param layers encoder and decoder layers each (6)
   * @param heads attention heads (8)
   * @param ffn feed-forward width (2048)
   * @param vocabSize shared vocabulary (58,101 for opus-mt-de-en)
   * @param maxLength Hugging Face max_length, start token included
   */
  public record Shape(int dModel, int layers, int heads, int ffn, int vocabSize, int maxLength) {
    public static Shape opusMt(int maxLength) {
      return new Shape(512, 6, 8, 2048, 58_101, maxLength);
    }
  }

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private SyntheticMarianCheckpoint() {}

  /**
   * Writes the checkpoint into {@code directory} (created); the same seed gives the same files.
   * {@code sentencePieces} is the size of the SentencePiece model's vocabulary (which its Java
   * binding cannot tell).
   */
  public static void write(
      Path directory, Path sentencePiece, int sentencePieces, Shape shape, long seed)
      throws IOException {
    Files.createDirectories(directory);
    Files.copy(sentencePiece, directory.resolve("source.spm"));
    Files.copy(sentencePiece, directory.resolve("target.spm"));
    int pad = shape.vocabSize() - 1;
    Map<String, Integer> vocabulary = new LinkedHashMap<>();
    vocabulary.put("</s>", 0);
    vocabulary.put("<unk>", 1);
    try (SpTokenizer tokenizer = new SpTokenizer(sentencePiece)) {
      for (int id = 0; id < sentencePieces && vocabulary.size() < pad; id++) {
        String piece = tokenizer.getProcessor().getToken(id);
        if (!piece.equals("<pad>")) {
          vocabulary.putIfAbsent(piece, vocabulary.size());
        }
      }
    }
    for (int filler = 0; vocabulary.size() < pad; filler++) {
      vocabulary.putIfAbsent("<unused-" + filler + ">", vocabulary.size());
    }
    vocabulary.put("<pad>", pad);
    JSON.writeValue(directory.resolve("vocab.json").toFile(), vocabulary);

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("_name_or_path", "synthetic/opus-mt-de-en");
    config.put("model_type", "marian");
    config.put("architectures", List.of("MarianMTModel"));
    config.put("activation_function", "swish");
    config.put("d_model", shape.dModel());
    config.put("encoder_layers", shape.layers());
    config.put("decoder_layers", shape.layers());
    config.put("encoder_attention_heads", shape.heads());
    config.put("decoder_attention_heads", shape.heads());
    config.put("encoder_ffn_dim", shape.ffn());
    config.put("decoder_ffn_dim", shape.ffn());
    config.put("vocab_size", shape.vocabSize());
    config.put("decoder_vocab_size", shape.vocabSize());
    config.put("max_position_embeddings", 512);
    config.put("dropout", 0.1);
    config.put("attention_dropout", 0.0);
    config.put("activation_dropout", 0.0);
    config.put("init_std", 0.02);
    config.put("is_encoder_decoder", true);
    config.put("normalize_embedding", false);
    config.put("add_bias_logits", false);
    config.put("scale_embedding", true);
    config.put("static_position_embeddings", true);
    config.put("share_encoder_decoder_embeddings", true);
    config.put("tie_word_embeddings", true);
    config.put("pad_token_id", pad);
    config.put("decoder_start_token_id", pad);
    config.put("eos_token_id", 0);
    config.put("forced_eos_token_id", 0);
    config.put("bad_words_ids", List.of(List.of(pad)));
    config.put("num_beams", 4);
    config.put("max_length", shape.maxLength());
    JSON.writeValue(directory.resolve("config.json").toFile(), config);
    // As Opus-MT's own: no clean_up_tokenization_spaces key, so decoding cleans up spaces.
    JSON.writeValue(
        directory.resolve("tokenizer_config.json").toFile(),
        Map.of("source_lang", "de", "target_lang", "en", "tokenizer_class", "MarianTokenizer"));

    SplittableRandom random = new SplittableRandom(seed);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    int d = shape.dModel();
    tensors.put("model.shared.weight", normal(random, 0.02, shape.vocabSize(), d));
    tensors.put(
        "final_logits_bias", new Tensor(new float[shape.vocabSize()], 1, shape.vocabSize()));
    for (String side : List.of("encoder", "decoder")) {
      for (int i = 0; i < shape.layers(); i++) {
        String prefix = "model." + side + ".layers." + i + ".";
        List<String> attentions = new ArrayList<>(List.of("self_attn"));
        if (side.equals("decoder")) {
          attentions.add("encoder_attn");
        }
        for (String attention : attentions) {
          for (String projection : List.of("q_proj", "k_proj", "v_proj", "out_proj")) {
            tensors.put(
                prefix + attention + "." + projection + ".weight", normal(random, 0.02, d, d));
            tensors.put(
                prefix + attention + "." + projection + ".bias", new Tensor(new float[d], d));
          }
          layerNorm(tensors, prefix + attention + "_layer_norm", d);
        }
        tensors.put(prefix + "fc1.weight", normal(random, 0.02, shape.ffn(), d));
        tensors.put(prefix + "fc1.bias", new Tensor(new float[shape.ffn()], shape.ffn()));
        tensors.put(prefix + "fc2.weight", normal(random, 0.02, d, shape.ffn()));
        tensors.put(prefix + "fc2.bias", new Tensor(new float[d], d));
        layerNorm(tensors, prefix + "final_layer_norm", d);
      }
    }
    writeSafetensors(directory.resolve("model.safetensors"), tensors);
    Files.writeString(
        directory.resolve("README.txt"),
        "Random weights with Opus-MT's shapes, written by bin/engine synthetic-marian for speed"
            + " and memory measurements; it translates nothing.\n",
        StandardCharsets.UTF_8);
  }

  private record Tensor(float[] values, long... shape) {}

  private static void layerNorm(Map<String, Tensor> tensors, String prefix, int d) {
    float[] ones = new float[d];
    Arrays.fill(ones, 1f);
    tensors.put(prefix + ".weight", new Tensor(ones, d));
    tensors.put(prefix + ".bias", new Tensor(new float[d], d));
  }

  private static Tensor normal(SplittableRandom random, double std, int rows, int columns) {
    float[] values = new float[rows * columns];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (std * random.nextGaussian());
    }
    return new Tensor(values, rows, columns);
  }

  /** safetensors: 8-byte little-endian header length, a JSON header, then the raw data. */
  private static void writeSafetensors(Path file, Map<String, Tensor> tensors) throws IOException {
    Map<String, Object> header = new LinkedHashMap<>();
    long offset = 0;
    for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
      long bytes = 4L * entry.getValue().values().length;
      header.put(
          entry.getKey(),
          Map.of(
              "dtype", "F32",
              "shape", entry.getValue().shape(),
              "data_offsets", List.of(offset, offset + bytes)));
      offset += bytes;
    }
    byte[] json = JsonMapper.builder().build().writeValueAsBytes(header);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
      out.write(json);
      for (Tensor tensor : tensors.values()) {
        ByteBuffer buffer =
            ByteBuffer.allocate(4 * tensor.values().length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(tensor.values());
        out.write(buffer.array());
      }
    }
  }
}
