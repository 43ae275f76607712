package dev.translation.engine.text;

import ai.djl.sentencepiece.SpProcessor;
import ai.djl.sentencepiece.SpTokenizer;
import dev.translation.engine.ModelUnavailableException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The bundle's shared German/English SentencePiece model. Encoding and decoding are read-only on
 * the native processor, so one instance serves every thread.
 */
public final class SubwordTokenizer implements ModelTokenizer {

  private final SpTokenizer tokenizer;
  private final SpProcessor processor;

  private SubwordTokenizer(SpTokenizer tokenizer) {
    this.tokenizer = tokenizer;
    this.processor = tokenizer.getProcessor();
  }

  /** Loads a SentencePiece {@code .model} file. */
  public static SubwordTokenizer load(Path model) {
    try {
      return new SubwordTokenizer(new SpTokenizer(model));
    } catch (IOException | RuntimeException e) {
      throw new ModelUnavailableException("Cannot load SentencePiece model " + model, e);
    }
  }

  /** Piece ids of {@code text}, without start or end markers. */
  @Override
  public int[] encode(String text) {
    return processor.encode(text);
  }

  /** Text of the given piece ids; the caller strips special tokens first. */
  @Override
  public String decode(int[] ids) {
    return processor.decode(ids);
  }

  /** The piece string of an id, for diagnostics. */
  public String piece(int id) {
    return processor.getToken(id);
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
