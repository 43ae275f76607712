package dev.translation.engine.inference;

/**
 * How to search for a translation.
 *
 * @param beamSize hypotheses kept per sentence; 1 is greedy decoding
 * @param lengthPenalty the exponent of the model's length normalisation (higher favours longer
 *     outputs), or null for the model's own ({@code generation.lengthPenalty} in its {@code
 *     model.json}: 2.0 for models trained here, 1.0 for imported Opus-MT models)
 */
public record DecodeOptions(int beamSize, Double lengthPenalty) {

  /** Largest beam the engine accepts; wider beams cost linearly more and rarely help. */
  public static final int MAX_BEAM_SIZE = 16;

  public DecodeOptions {
    if (beamSize < 1 || beamSize > MAX_BEAM_SIZE) {
      throw new IllegalArgumentException(
          "beamSize must be between 1 and " + MAX_BEAM_SIZE + ", got " + beamSize);
    }
    if (lengthPenalty != null && !(lengthPenalty >= 0 && lengthPenalty <= 2)) {
      throw new IllegalArgumentException(
          "lengthPenalty must be between 0 and 2, got " + lengthPenalty);
    }
  }

  /** Fastest: one hypothesis per sentence. */
  public static DecodeOptions greedy() {
    return new DecodeOptions(1, null);
  }

  /** Beam search with the model's own length normalisation. */
  public static DecodeOptions beam(int beamSize) {
    return new DecodeOptions(beamSize, null);
  }
}
