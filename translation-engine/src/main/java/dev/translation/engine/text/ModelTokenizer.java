package dev.translation.engine.text;

import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;

/**
 * Turns a sentence into the model's input ids and the model's output ids back into text. Which
 * implementation a bundle needs is written in its {@code model.json}, so nothing outside the engine
 * knows what kind of model it serves. Implementations are thread-safe.
 */
public interface ModelTokenizer extends AutoCloseable {

  /** Model ids of {@code sentence}, without the end token. */
  int[] encode(String sentence);

  /** Text of model output ids, the end token already cut off. */
  String decode(int[] ids);

  @Override
  void close();

  /** The tokenizer the bundle's manifest names. */
  static ModelTokenizer open(ModelBundle bundle) {
    ModelManifest manifest = bundle.manifest();
    if (manifest.tokenizer() == null) {
      return SubwordTokenizer.load(bundle.sentencePiecePath());
    }
    ModelManifest.Tokenizer files = manifest.tokenizer();
    return MarianTokenizer.load(
        bundle.file(files.sourcePieces()),
        bundle.file(files.targetPieces()),
        bundle.file(files.vocabulary()),
        manifest.tokens(),
        files.cleansUpSpaces());
  }
}
