package dev.translation.engine.inference;

/**
 * How to search for a translation.
 *
 * @param beamSize hypotheses kept per sentence; 1 is greedy decoding
 * @param lengthPenalty GNMT length-normalisation exponent; higher favours longer outputs
 */
public record DecodeOptions(int beamSize, double lengthPenalty) {

  /**
   * Length normalisation for beam search, chosen on the starter model's dev sentences: without it
   * the beam prefers short outputs that drop half the sentence.
   */
  public static final double DEFAULT_LENGTH_PENALTY = 2.0;

  /** Largest beam the engine accepts; wider beams cost linearly more and rarely help. */
  public static final int MAX_BEAM_SIZE = 16;

  public DecodeOptions {
    if (beamSize < 1 || beamSize > MAX_BEAM_SIZE) {
      throw new IllegalArgumentException(
          "beamSize must be between 1 and " + MAX_BEAM_SIZE + ", got " + beamSize);
    }
    if (!(lengthPenalty >= 0 && lengthPenalty <= 2)) {
      throw new IllegalArgumentException(
          "lengthPenalty must be between 0 and 2, got " + lengthPenalty);
    }
  }

  /** Fastest: one hypothesis per sentence. */
  public static DecodeOptions greedy() {
    return new DecodeOptions(1, 1.0);
  }

  /** Beam search with the default length normalisation. */
  public static DecodeOptions beam(int beamSize) {
    return new DecodeOptions(beamSize, DEFAULT_LENGTH_PENALTY);
  }
}
