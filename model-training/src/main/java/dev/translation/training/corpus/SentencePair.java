package dev.translation.training.corpus;

import java.util.Objects;

/**
 * One aligned translation example.
 *
 * @param source the German text
 * @param target the English text
 */
public record SentencePair(String source, String target) {

  /** Rejects nulls so that every consumer can rely on both sides being present. */
  public SentencePair {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }
}
