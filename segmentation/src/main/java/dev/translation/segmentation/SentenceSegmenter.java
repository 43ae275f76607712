package dev.translation.segmentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Cuts a text into the segments that are translated one by one, and puts their translations back
 * together with the text's line structure.
 *
 * <p>A text becomes one piece per sentence (ICU's sentence rules for the source language, with
 * German abbreviations and ordinals handled), and a sentence longer than {@code maxChars} becomes
 * several pieces cut at the last space before the limit (or at the limit when there is none), so
 * that no single piece, and so no single unit of work, is unbounded. Whitespace inside a line
 * collapses to one space; line breaks (LF, CRLF, CR) are kept by count, blank lines included;
 * leading and trailing blank space is dropped, as the engine drops it.
 */
public final class SentenceSegmenter {

  private final int maxChars;
  private final Locale locale;

  /**
   * @param maxChars most UTF-16 characters in one piece, at least 2 (so a surrogate pair always
   *     fits)
   * @param locale the source language, whose sentence rules apply
   */
  public SentenceSegmenter(int maxChars, Locale locale) {
    if (maxChars < 2) {
      throw new IllegalArgumentException("maxChars must be at least 2, was " + maxChars);
    }
    this.maxChars = maxChars;
    this.locale = locale;
  }

  /**
   * The pieces of {@code text}, in order; a text with no words is one empty piece, so every text
   * has at least one segment and comes back as one result.
   */
  public List<TextPiece> split(String text) {
    List<TextPiece> pieces = new ArrayList<>();
    int pendingBreaks = 0;
    for (String line : text.split("\r\n|\r|\n", -1)) {
      List<String> sentences = sentences(line, locale);
      for (String sentence : sentences) {
        for (String part : cut(sentence)) {
          pieces.add(new TextPiece(part, pieces.isEmpty() ? 0 : pendingBreaks));
          pendingBreaks = 0;
        }
      }
      pendingBreaks++;
    }
    if (pieces.isEmpty()) {
      pieces.add(new TextPiece("", 0));
    }
    return pieces;
  }

  /**
   * Puts a text back together from its pieces, each replaced by {@code translate}'s answer (its
   * translation, or whatever stands in for it).
   */
  public static String join(List<TextPiece> pieces, Function<TextPiece, String> translate) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pieces.size(); i++) {
      TextPiece piece = pieces.get(i);
      if (i > 0) {
        text.append(piece.lineBreaks() == 0 ? " " : "\n".repeat(piece.lineBreaks()));
      }
      text.append(translate.apply(piece));
    }
    return text.toString();
  }

  /**
   * The sentences of one line, by the sentence rules of {@code locale} (see {@link
   * SentenceBoundaries}), with whitespace collapsed to single spaces; an empty list for a blank
   * line.
   */
  public static List<String> sentences(String line, Locale locale) {
    String collapsed = line.strip().replaceAll("\\s+", " ");
    List<String> sentences = new ArrayList<>();
    if (collapsed.isEmpty()) {
      return sentences;
    }
    sentences.addAll(SentenceBoundaries.sentences(collapsed, locale));
    return sentences;
  }

  /** A sentence in parts of at most {@code maxChars}, cut at spaces where possible. */
  private List<String> cut(String sentence) {
    List<String> parts = new ArrayList<>();
    String rest = sentence;
    while (rest.length() > maxChars) {
      int cut = rest.lastIndexOf(' ', maxChars);
      if (cut <= 0) {
        cut = Character.isLowSurrogate(rest.charAt(maxChars)) ? maxChars - 1 : maxChars;
      }
      parts.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    if (!rest.isEmpty()) {
      parts.add(rest);
    }
    return parts;
  }
}
