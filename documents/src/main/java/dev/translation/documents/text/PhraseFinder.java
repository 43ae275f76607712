package dev.translation.documents.text;

/**
 * Finds where a phrase stands in a translated sentence, for formats that put markup back around the
 * words it wrapped: ignoring case, as whole words only, so that a link on "Handbuch" lands on
 * "manual" in "Read the manual" but never inside "manually".
 */
public final class PhraseFinder {

  private final String text;
  private final String folded;

  /** A finder for phrases in {@code text}. */
  public PhraseFinder(String text) {
    this.text = text;
    this.folded = fold(text);
  }

  /**
   * The start of the first whole-word occurrence of {@code phrase} at or after {@code from},
   * ignoring case, or -1. The occurrence is as long as {@code phrase}.
   */
  public int find(String phrase, int from) {
    if (phrase.isEmpty()) {
      return -1;
    }
    String foldedPhrase = fold(phrase);
    for (int at = folded.indexOf(foldedPhrase, Math.max(from, 0));
        at >= 0;
        at = folded.indexOf(foldedPhrase, at + 1)) {
      if (startsWord(at) && endsWord(at + phrase.length())) {
        return at;
      }
    }
    return -1;
  }

  /** Lower case char by char, so that indexes stay those of the original. */
  private static String fold(String text) {
    char[] folded = new char[text.length()];
    for (int i = 0; i < folded.length; i++) {
      folded[i] = Character.toLowerCase(Character.toUpperCase(text.charAt(i)));
    }
    return new String(folded);
  }

  private boolean startsWord(int at) {
    return at == 0
        || !Character.isLetterOrDigit(text.charAt(at))
        || !Character.isLetterOrDigit(text.charAt(at - 1));
  }

  private boolean endsWord(int end) {
    return end == text.length()
        || !Character.isLetterOrDigit(text.charAt(end - 1))
        || !Character.isLetterOrDigit(text.charAt(end));
  }
}
