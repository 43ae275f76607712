package dev.translation.engine.text;

import ai.djl.sentencepiece.SpProcessor;
import ai.djl.sentencepiece.SpTokenizer;
import dev.translation.engine.ModelUnavailableException;
import dev.translation.engine.bundle.InvalidModelBundleException;
import dev.translation.engine.bundle.ModelManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tokenizer of Marian (Opus-MT) models, as Hugging Face's {@code MarianTokenizer} does it: the
 * model's ids are not SentencePiece ids but positions in a vocabulary shared by both languages.
 * Source text is cut into pieces by the source language's SentencePiece model and each piece is
 * looked up in the vocabulary (unknown pieces become the unk id); output ids are looked up in
 * reverse, special tokens dropped, and the pieces joined by the target language's model.
 *
 * <p>One difference on purpose: a literal {@code </s>}, {@code <unk>} or {@code <pad>} in a text is
 * translated as text; {@code MarianTokenizer} would turn it into a control token (an end of
 * sentence in the middle of the source).
 */
public final class MarianTokenizer implements ModelTokenizer {

  private static final String WORD_BOUNDARY = "\u2581";

  private final SpTokenizer source;
  private final SpTokenizer target;
  private final SpProcessor sourcePieces;
  private final SpProcessor targetPieces;
  private final Map<String, Integer> ids;
  private final String[] pieces;
  private final int unk;
  private final boolean[] special;
  private final boolean cleanUpSpaces;

  private MarianTokenizer(
      SpTokenizer source,
      SpTokenizer target,
      Map<String, Integer> ids,
      ModelManifest.SpecialTokens tokens,
      boolean cleanUpSpaces) {
    this.source = source;
    this.cleanUpSpaces = cleanUpSpaces;
    this.target = target;
    this.sourcePieces = source.getProcessor();
    this.targetPieces = target.getProcessor();
    this.ids = ids;
    this.pieces =
        new String[ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1];
    ids.forEach((piece, id) -> pieces[id] = piece);
    this.unk = tokens.unk();
    this.special = new boolean[pieces.length];
    for (int id : new int[] {tokens.pad(), tokens.unk(), tokens.eos()}) {
      special[id] = true;
    }
  }

  /**
   * Loads the two SentencePiece models and the vocabulary (a JSON object from piece to id, ids 0 to
   * size - 1) and checks that the special ids lie in it. With {@code cleanUpSpaces}, decoded text
   * loses the spaces before punctuation and English contractions, as Hugging Face's {@code
   * clean_up_tokenization_spaces} does.
   */
  public static MarianTokenizer load(
      Path sourceModel,
      Path targetModel,
      Path vocabulary,
      ModelManifest.SpecialTokens tokens,
      boolean cleanUpSpaces) {
    Map<String, Integer> ids = readVocabulary(vocabulary);
    for (int id : new int[] {tokens.pad(), tokens.unk(), tokens.eos()}) {
      if (id < 0 || id >= ids.size()) {
        throw new InvalidModelBundleException(
            "Special token id " + id + " lies outside the vocabulary of " + ids.size() + " pieces");
      }
    }
    SpTokenizer source = loadPieces(sourceModel);
    try {
      return new MarianTokenizer(source, loadPieces(targetModel), ids, tokens, cleanUpSpaces);
    } catch (RuntimeException e) {
      source.close();
      throw e;
    }
  }

  private static Map<String, Integer> readVocabulary(Path vocabulary) {
    Map<String, Integer> ids;
    try {
      ids =
          JsonMapper.builder()
              .build()
              .readValue(vocabulary.toFile(), new TypeReference<HashMap<String, Integer>>() {});
    } catch (JacksonException e) {
      throw new InvalidModelBundleException(
          "Cannot read the vocabulary " + vocabulary + ": " + e.getOriginalMessage(), e);
    }
    boolean[] seen = new boolean[ids.size()];
    for (Map.Entry<String, Integer> entry : ids.entrySet()) {
      Integer id = entry.getValue();
      if (id == null || id < 0 || id >= ids.size() || seen[id]) {
        throw new InvalidModelBundleException(
            "The vocabulary "
                + vocabulary
                + " must map its "
                + ids.size()
                + " pieces to the ids 0 to "
                + (ids.size() - 1)
                + ", each once; \""
                + entry.getKey()
                + "\" has "
                + id);
      }
      seen[id] = true;
    }
    return Map.copyOf(ids);
  }

  private static SpTokenizer loadPieces(Path model) {
    try {
      return new SpTokenizer(model);
    } catch (IOException | RuntimeException e) {
      throw new ModelUnavailableException("Cannot load SentencePiece model " + model, e);
    }
  }

  @Override
  public int[] encode(String sentence) {
    String[] sentencePieces = sourcePieces.tokenize(sentence);
    int[] result = new int[sentencePieces.length];
    for (int i = 0; i < sentencePieces.length; i++) {
      result[i] = ids.getOrDefault(sentencePieces[i], unk);
    }
    return result;
  }

  @Override
  public String decode(int[] modelIds) {
    List<String> kept = new ArrayList<>(modelIds.length);
    for (int id : modelIds) {
      if (id >= 0 && id < pieces.length && !special[id]) {
        kept.add(pieces[id]);
      }
    }
    String text =
        pythonStrip(
            targetPieces.buildSentence(kept.toArray(String[]::new)).replace(WORD_BOUNDARY, " "));
    return cleanUpSpaces ? cleanUpSpaces(text) : text;
  }

  /** Python's {@code str.strip()}: it also strips no-break spaces and U+0085, Java's does not. */
  static String pythonStrip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isPythonSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isPythonSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isPythonSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }

  /** Hugging Face's {@code clean_up_tokenization}, in its order. */
  static String cleanUpSpaces(String text) {
    return text.replace(" .", ".")
        .replace(" ?", "?")
        .replace(" !", "!")
        .replace(" ,", ",")
        .replace(" ' ", "'")
        .replace(" n't", "n't")
        .replace(" 'm", "'m")
        .replace(" 's", "'s")
        .replace(" 've", "'ve")
        .replace(" 're", "'re");
  }

  @Override
  public void close() {
    source.close();
    target.close();
  }
}
