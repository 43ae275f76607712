package dev.translation.engine.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The {@code model.json} of a model bundle: what the model is, how to feed it, what it was trained
 * on, how well it scored, and the SHA-256 of every file it consists of.
 *
 * @param name model family, e.g. {@code de-en-starter}
 * @param version version within the family; together with the name it identifies the model
 * @param sourceLanguage ISO 639-1 code of the input language
 * @param targetLanguage ISO 639-1 code of the output language
 * @param module file name of the TorchScript module inside the bundle
 * @param sentencePiece file name of the shared SentencePiece model inside the bundle, for models
 *     with one vocabulary of SentencePiece ids; null when {@code tokenizer} names other files
 * @param tokenizer how text becomes model ids when it is not the shared SentencePiece model, for
 *     example an imported Marian checkpoint's two SentencePiece models and vocabulary; null for the
 *     shared SentencePiece model
 * @param tokens ids of the special tokens
 * @param maxSourceTokens longest source the model accepts, in subword pieces
 * @param maxTargetTokens hard cap on the output length, in subword pieces
 * @param generation how the model decodes by default; null for the settings of models trained here
 *     ({@link Generation#TRAINED_HERE})
 * @param architecture the hyper-parameters the module was defined with (informational)
 * @param training what data and how much compute produced the weights
 * @param metrics scores on named test sets, including the dictionary baseline for comparison
 * @param files SHA-256 (hex) of every file of the bundle except {@code model.json} itself
 * @param origin the checkpoint an imported model was converted from; null for models trained here
 */
// Fields a bundle does not use are left out, so older engines read newer manifests.
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(
    String name,
    String version,
    String sourceLanguage,
    String targetLanguage,
    String module,
    String sentencePiece,
    Tokenizer tokenizer,
    SpecialTokens tokens,
    int maxSourceTokens,
    int maxTargetTokens,
    Generation generation,
    Map<String, Object> architecture,
    Training training,
    List<Metric> metrics,
    Map<String, String> files,
    Origin origin) {

  /** File name of the manifest inside a bundle directory. */
  public static final String FILE_NAME = "model.json";

  /**
   * Ids of the special tokens of the module's vocabulary.
   *
   * @param pad padding (sources are right-padded with it)
   * @param unk a piece the vocabulary does not know
   * @param bos the token decoding starts from (Marian models start from {@code pad})
   * @param eos end of sentence; every source ends with it and decoding stops at it
   */
  public record SpecialTokens(int pad, int unk, int bos, int eos) {}

  /**
   * Text to ids for a model whose ids are not those of one shared SentencePiece model.
   *
   * @param kind {@value #MARIAN}: source text is cut into pieces by {@code sourcePieces}, the
   *     pieces are looked up in {@code vocabulary} (a JSON object piece to id, unknown pieces get
   *     the unk id); output ids go back to pieces through the vocabulary and are joined by {@code
   *     targetPieces}
   * @param sourcePieces file name of the source-language SentencePiece model
   * @param targetPieces file name of the target-language SentencePiece model
   * @param vocabulary file name of the piece-to-id JSON vocabulary
   * @param cleanUpSpaces whether decoded text has the spaces before punctuation and English
   *     contractions removed (Hugging Face's {@code clean_up_tokenization_spaces}); unset, it is
   *     (transformers 4.x's default)
   */
  public record Tokenizer(
      String kind,
      String sourcePieces,
      String targetPieces,
      String vocabulary,
      Boolean cleanUpSpaces) {
    public static final String MARIAN = "marian";

    /** Whether to clean up spaces, {@code true} when the manifest does not say. */
    public boolean cleansUpSpaces() {
      return !Boolean.FALSE.equals(cleanUpSpaces);
    }
  }

  /**
   * Decoding defaults that belong to the model, so that an imported model decodes as the software
   * it was trained with does.
   *
   * @param lengthNormalisation how beam search compares hypotheses of different lengths: {@value
   *     #GNMT} divides the log-probability by ((5 + length) / 6)^penalty; {@value #HUGGING_FACE}
   *     divides it by length^penalty, the end token counted (Hugging Face's {@code generate}). The
   *     module implements it; the manifest says which for people and tools.
   * @param lengthPenalty the exponent used when a caller does not choose one
   * @param beamSize the beam the model's own software decodes with by default (callers choose their
   *     beam; this is what reproduces that software's output)
   * @param maxLength when positive, the output cap in tokens including the end token, whatever the
   *     input length (Hugging Face's {@code max_length} minus the start token); when 0 the cap is
   *     twice the longest input of the model batch plus 10, at most {@code maxTargetTokens}
   */
  public record Generation(
      String lengthNormalisation, double lengthPenalty, int beamSize, int maxLength) {
    public static final String GNMT = "gnmt";
    public static final String HUGGING_FACE = "hugging-face";

    /** What models trained here use: GNMT normalisation with exponent 2, beam 4, relative cap. */
    public static final Generation TRAINED_HERE = new Generation(GNMT, 2.0, 4, 0);

    /**
     * Most output tokens, end token included, for a model batch whose longest source has {@code
     * longestSource} ids (end token included).
     */
    public int outputCap(int longestSource, int maxTargetTokens) {
      return maxLength > 0 ? maxLength : Math.min(maxTargetTokens, 2 * longestSource + 10);
    }
  }

  /**
   * Where an imported model came from.
   *
   * @param format what was converted, e.g. {@code hugging-face-marian}
   * @param checkpoint the checkpoint's name (its {@code _name_or_path} or directory name)
   * @param files SHA-256 of each file of the checkpoint that was read
   */
  public record Origin(String format, String checkpoint, Map<String, String> files) {}

  /**
   * Provenance of the weights.
   *
   * @param data corpora the model was trained on, with their licences
   * @param basedOn the model version fine-tuning started from, or null when trained from scratch
   * @param steps optimiser steps taken
   * @param epochs passes over the training data (fractional)
   * @param targetTokens target tokens seen
   * @param minutes wall-clock training time
   * @param devLoss best loss on the dev split
   * @param machine what it was trained on, e.g. "2 CPU cores"
   */
  public record Training(
      List<String> data,
      String basedOn,
      long steps,
      double epochs,
      long targetTokens,
      double minutes,
      double devLoss,
      String machine) {}

  /**
   * A score on a named test set.
   *
   * @param testSet what was scored, e.g. {@code ding-sentences-test}
   * @param system {@code model} (greedy or beam-N) or {@code dictionary-baseline}
   * @param sentences number of test sentences
   * @param bleu corpus BLEU (sacreBLEU 13a tokenisation), 0-100
   * @param chrf corpus chrF (character 6-grams, beta 2), 0-100
   */
  public record Metric(String testSet, String system, int sentences, double bleu, double chrf) {}

  /** The decoding defaults, {@link Generation#TRAINED_HERE} when the manifest names none. */
  public Generation decoding() {
    return generation != null ? generation : Generation.TRAINED_HERE;
  }

  /** Files the tokenizer needs, all of which the bundle must hold. */
  public List<String> tokenizerFiles() {
    return tokenizer == null
        ? List.of(sentencePiece)
        : List.of(tokenizer.sourcePieces(), tokenizer.targetPieces(), tokenizer.vocabulary());
  }

  /** Model identity as recorded with every translated segment, e.g. {@code de-en-starter@1}. */
  public String id() {
    return name + "@" + version;
  }

  /** Returns a copy under another version (the same model re-released, e.g. re-registered). */
  public ModelManifest withVersion(String newVersion) {
    return new ModelManifest(
        name,
        newVersion,
        sourceLanguage,
        targetLanguage,
        module,
        sentencePiece,
        tokenizer,
        tokens,
        maxSourceTokens,
        maxTargetTokens,
        generation,
        architecture,
        training,
        metrics,
        files,
        origin);
  }

  /** Returns a copy with other metrics. */
  public ModelManifest withMetrics(List<Metric> newMetrics) {
    return new ModelManifest(
        name,
        version,
        sourceLanguage,
        targetLanguage,
        module,
        sentencePiece,
        tokenizer,
        tokens,
        maxSourceTokens,
        maxTargetTokens,
        generation,
        architecture,
        training,
        List.copyOf(newMetrics),
        files,
        origin);
  }

  /** Returns a copy with other file checksums. */
  public ModelManifest withFiles(Map<String, String> newFiles) {
    return new ModelManifest(
        name,
        version,
        sourceLanguage,
        targetLanguage,
        module,
        sentencePiece,
        tokenizer,
        tokens,
        maxSourceTokens,
        maxTargetTokens,
        generation,
        architecture,
        training,
        metrics,
        Map.copyOf(newFiles),
        origin);
  }
}
