package dev.translation.documents.office;

import java.util.ArrayList;
import java.util.List;

/**
 * Spreads a paragraph's translation over the spans of formatting its source came in (the runs of a
 * Word paragraph, a slide paragraph or a rich-text cell), so that bold, italic, links and the like
 * survive translation as far as the translation allows.
 *
 * <p>The strategy, in order:
 *
 * <ol>
 *   <li><b>Anchors.</b> A span whose text appears unchanged in the translation, as whole words and
 *       after the previous anchor (names, numbers, product terms, code), keeps exactly that text.
 *       Spans shorter than {@value #MIN_ANCHOR_LENGTH} characters are never anchors: they would
 *       match by chance. Only closing punctuation in a span of its own (the full stop after a link)
 *       stays at the end if the translation ends with it too.
 *   <li><b>Proportion.</b> The translation between two anchors is cut among the spans between them
 *       in proportion to their source lengths, only where a word starts, so no word is split across
 *       formats. Each span with a word in its source gets at least one word while words last.
 *   <li><b>Whitespace</b> at a span boundary goes to the side that had it in the source, and spans
 *       without a word (the space between a bold and an italic word, a lone comma) get nothing: the
 *       translation brings its own spacing and punctuation.
 * </ol>
 *
 * <p>The pieces join up to the translation, except that whitespace at a boundary sits where the
 * source had it. Each span keeps its own formatting, so when a sentence's word order changes, a
 * bold span stays at about the same place in the sentence rather than on the same word; anchors are
 * what keeps formatting on the right word where that word is the same in both languages.
 */
final class SpanDistribution {

  /** Shortest span text that may be anchored. */
  static final int MIN_ANCHOR_LENGTH = 3;

  private SpanDistribution() {}

  /**
   * The piece of {@code translation} each span gets, in span order: together the whole translation,
   * whitespace at span boundaries placed as in the source.
   *
   * @param sources each span's source text, in order
   */
  static List<String> distribute(List<String> sources, String translation) {
    int spans = sources.size();
    if (spans == 0) {
      throw new IllegalArgumentException("a text needs at least one span");
    }
    if (spans == 1) {
      return List.of(translation);
    }
    int[] anchorStart = new int[spans];
    int[] anchorEnd = new int[spans];
    List<Integer> anchored = findAnchors(sources, translation, anchorStart, anchorEnd);

    // cut[i] is where span i's piece starts; cut[spans] is the end of the translation.
    int[] cut = new int[spans + 1];
    cut[spans] = translation.length();
    int previous = -1;
    for (int next : concat(anchored, spans)) {
      int from = previous < 0 ? 0 : anchorEnd[previous];
      int to = next == spans ? translation.length() : anchorStart[next];
      fillGap(sources, translation, previous, next, from, to, cut);
      previous = next;
    }
    List<String> pieces = new ArrayList<>(spans);
    for (int i = 0; i < spans; i++) {
      pieces.add(translation.substring(cut[i], cut[i + 1]));
    }
    followSourceSpacing(sources, pieces);
    return pieces;
  }

  /**
   * Puts the space the translation has at a boundary between two pieces on the side the source had
   * it, or on both sides where the source had it on both: there something without text (a field, a
   * footnote mark, an image) stands between the spans, and "Seite [3] von" must stay "Page [3] of",
   * not become "Page [3]of".
   */
  private static void followSourceSpacing(List<String> sources, List<String> pieces) {
    for (int i = 0; i + 1 < pieces.size(); i++) {
      String before = pieces.get(i);
      String after = pieces.get(i + 1);
      if (before.isBlank() || after.isBlank()) {
        continue;
      }
      String beforeCore = before.stripTrailing();
      String afterCore = after.stripLeading();
      String space =
          before.substring(beforeCore.length())
              + after.substring(0, after.length() - afterCore.length());
      if (space.isEmpty()) {
        continue;
      }
      boolean sourceBefore = endsWithSpace(sources.get(i));
      boolean sourceAfter = startsWithSpace(sources.get(i + 1));
      if (sourceBefore && sourceAfter) {
        pieces.set(i, beforeCore + space);
        pieces.set(i + 1, space + afterCore);
      } else if (sourceAfter) {
        pieces.set(i, beforeCore);
        pieces.set(i + 1, space + afterCore);
      } else if (sourceBefore) {
        pieces.set(i, beforeCore + space);
        pieces.set(i + 1, afterCore);
      }
    }
  }

  /** Greedy, left to right: each span's stripped text at its first whole-word match. */
  private static List<Integer> findAnchors(
      List<String> sources, String translation, int[] start, int[] end) {
    List<Integer> anchored = new ArrayList<>();
    int searchFrom = 0;
    for (int i = 0; i < sources.size(); i++) {
      String needle = sources.get(i).strip();
      int at = -1;
      if (needle.length() >= MIN_ANCHOR_LENGTH) {
        at = wholeWordIndex(translation, needle, searchFrom);
      } else if (!needle.isEmpty() && !hasWord(needle) && i == sources.size() - 1) {
        // Closing punctuation in a span of its own ("." after a link) stays if it still closes.
        String closing = translation.stripTrailing();
        at =
            closing.endsWith(needle) && closing.length() - needle.length() >= searchFrom
                ? closing.length() - needle.length()
                : -1;
      }
      if (at >= 0) {
        anchored.add(i);
        start[i] = at;
        end[i] = at + needle.length();
        searchFrom = end[i];
      }
    }
    return anchored;
  }

  private static int wholeWordIndex(String text, String needle, int from) {
    for (int at = text.indexOf(needle, from); at >= 0; at = text.indexOf(needle, at + 1)) {
      int after = at + needle.length();
      boolean startsClean =
          !isWordChar(needle.charAt(0)) || at == 0 || !isWordChar(text.charAt(at - 1));
      boolean endsClean =
          !isWordChar(needle.charAt(needle.length() - 1))
              || after == text.length()
              || !isWordChar(text.charAt(after));
      if (startsClean && endsClean) {
        return at;
      }
    }
    return -1;
  }

  /**
   * Sets the cuts of the spans strictly between anchors {@code before} and {@code after} (-1 and
   * {@code spans} standing for the start and end), which share {@code translation[from, to)}.
   */
  private static void fillGap(
      List<String> sources,
      String translation,
      int before,
      int after,
      int from,
      int to,
      int[] cut) {
    int spans = sources.size();
    boolean hasBefore = before >= 0;
    boolean hasAfter = after < spans;
    if (after == before + 1) {
      if (hasBefore && hasAfter) {
        // Only the text between two adjacent anchors: the earlier span gets it, unless it is
        // whitespace the source put at the start of the later span.
        boolean toLater =
            translation.substring(from, to).isBlank()
                && !endsWithSpace(sources.get(before))
                && startsWithSpace(sources.get(after));
        cut[after] = toLater ? from : to;
      }
      return;
    }
    int low = from;
    int high = to;
    if (hasBefore && endsWithSpace(sources.get(before))) {
      while (low < high && Character.isWhitespace(translation.charAt(low))) {
        low++;
      }
    }
    if (hasAfter && startsWithSpace(sources.get(after))) {
      while (high > low && Character.isWhitespace(translation.charAt(high - 1))) {
        high--;
      }
    }
    List<Integer> worded = new ArrayList<>();
    for (int i = before + 1; i < after; i++) {
      if (hasWord(sources.get(i))) {
        worded.add(i);
      }
    }
    if (worded.isEmpty()) {
      // Only whitespace or punctuation here: the gap goes to the anchor before, else after.
      int boundary = hasBefore ? to : from;
      for (int i = before + 1; i <= Math.min(after, spans - 1); i++) {
        cut[i] = boundary;
      }
      return;
    }
    int[] starts = proportionalStarts(sources, worded, translation, low, high);
    // Spans without a word start where the next worded span does, so their pieces are empty.
    int next = high;
    for (int i = after - 1, w = worded.size() - 1; i > before; i--) {
      if (w >= 0 && worded.get(w) == i) {
        next = starts[w--];
      }
      cut[i] = next;
    }
    if (hasAfter) {
      cut[after] = high;
    }
  }

  /**
   * Where each worded span's piece of {@code translation[low, high)} starts: the first at {@code
   * low}, the others at the word start nearest their proportional share.
   */
  private static int[] proportionalStarts(
      List<String> sources, List<Integer> worded, String translation, int low, int high) {
    List<Integer> wordStarts = new ArrayList<>();
    for (int i = low + 1; i < high; i++) {
      if (!Character.isWhitespace(translation.charAt(i))
          && Character.isWhitespace(translation.charAt(i - 1))) {
        wordStarts.add(i);
      }
    }
    double total = 0;
    for (int span : worded) {
      total += sources.get(span).length();
    }
    int[] starts = new int[worded.size()];
    starts[0] = low;
    double share = 0;
    int candidate = 0;
    for (int k = 1; k < worded.size(); k++) {
      if (candidate >= wordStarts.size()) {
        starts[k] = high;
        continue;
      }
      share += sources.get(worded.get(k - 1)).length();
      double ideal = low + share / total * (high - low);
      // Leave a word for each span still to come, while there are enough words.
      int last = Math.max(candidate, wordStarts.size() - (worded.size() - k));
      int best = candidate;
      for (int c = candidate + 1; c <= last; c++) {
        if (Math.abs(wordStarts.get(c) - ideal) < Math.abs(wordStarts.get(best) - ideal)) {
          best = c;
        }
      }
      starts[k] = wordStarts.get(best);
      candidate = best + 1;
    }
    return starts;
  }

  private static List<Integer> concat(List<Integer> anchored, int end) {
    List<Integer> all = new ArrayList<>(anchored);
    all.add(end);
    return all;
  }

  private static boolean hasWord(String text) {
    return text.chars().anyMatch(Character::isLetterOrDigit);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c);
  }

  private static boolean startsWithSpace(String text) {
    return !text.isEmpty() && Character.isWhitespace(text.charAt(0));
  }

  private static boolean endsWithSpace(String text) {
    return !text.isEmpty() && Character.isWhitespace(text.charAt(text.length() - 1));
  }
}
