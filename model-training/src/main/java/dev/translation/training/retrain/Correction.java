package dev.translation.training.retrain;

import dev.translation.training.corpus.SentencePair;

/**
 * A user's correction of one translated segment.
 *
 * @param id the correction's database id; it alone decides whether the correction is trained on or
 *     held out
 * @param source the segment's German source
 * @param correctedTranslation the English translation the user submitted
 */
public record Correction(long id, String source, String correctedTranslation) {

  /** Rejects corrections with nothing to learn from. */
  public Correction {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("correction " + id + " has no source text");
    }
    if (correctedTranslation == null || correctedTranslation.isBlank()) {
      throw new IllegalArgumentException("correction " + id + " has no corrected translation");
    }
  }

  /** The correction as a training or test pair. */
  public SentencePair pair() {
    return new SentencePair(source, correctedTranslation);
  }
}
