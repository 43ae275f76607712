package dev.translation.training.corpus;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One aligned translation example.
 *
 * @param source the German text
 * @param target the English text
 */
public record SentencePair(String source, String target) {

  /** Minimum number of words on each side for a pair to count as a full sentence. */
  public static final int MIN_SENTENCE_WORDS = 3;

  private static final Pattern WORD_CHARACTER = Pattern.compile("[\\p{L}\\p{N}]");
  private static final Pattern WHITESPACE =
      Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  /** Rejects nulls so that every consumer can rely on both sides being present. */
  public SentencePair {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }

  /**
   * Whether both sides have at least {@value #MIN_SENTENCE_WORDS} words: the one rule for what
   * counts as a sentence rather than a dictionary word or short phrase, used for the test split,
   * for weighting sentences in training and for the sentence-only dev set.
   */
  public boolean isFullSentence() {
    return wordCount(source) >= MIN_SENTENCE_WORDS && wordCount(target) >= MIN_SENTENCE_WORDS;
  }

  /** Counts whitespace-separated tokens that contain a letter or digit, so "–" is no word. */
  static int wordCount(String text) {
    int words = 0;
    for (String token : WHITESPACE.split(text.strip())) {
      if (WORD_CHARACTER.matcher(token).find()) {
        words++;
      }
    }
    return words;
  }
}
