package dev.translation.engine.bundle;

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
 * @param sentencePiece file name of the shared SentencePiece model inside the bundle
 * @param tokens ids of the special tokens
 * @param maxSourceTokens longest source the model accepts, in subword pieces
 * @param maxTargetTokens hard cap on the output length, in subword pieces
 * @param architecture the hyper-parameters the module was defined with (informational)
 * @param training what data and how much compute produced the weights
 * @param metrics scores on named test sets, including the dictionary baseline for comparison
 * @param files SHA-256 (hex) of every file of the bundle except {@code model.json} itself
 */
public record ModelManifest(
    String name,
    String version,
    String sourceLanguage,
    String targetLanguage,
    String module,
    String sentencePiece,
    SpecialTokens tokens,
    int maxSourceTokens,
    int maxTargetTokens,
    Map<String, Object> architecture,
    Training training,
    List<Metric> metrics,
    Map<String, String> files) {

  /** File name of the manifest inside a bundle directory. */
  public static final String FILE_NAME = "model.json";

  /** Ids of the special tokens shared by the SentencePiece model and the module. */
  public record SpecialTokens(int pad, int unk, int bos, int eos) {}

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
        tokens,
        maxSourceTokens,
        maxTargetTokens,
        architecture,
        training,
        metrics,
        files);
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
        tokens,
        maxSourceTokens,
        maxTargetTokens,
        architecture,
        training,
        List.copyOf(newMetrics),
        files);
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
        tokens,
        maxSourceTokens,
        maxTargetTokens,
        architecture,
        training,
        metrics,
        Map.copyOf(newFiles));
  }
}
