package dev.translation.documents.pdf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups a PDF's lines into paragraphs. A PDF has no paragraphs, only positioned lines, so this
 * guesses as a reader would: a new paragraph starts on a new page, where the type size changes,
 * where the gap to the previous line is clearly wider than the usual line spacing, after a short
 * line that ends a sentence, and where PDFBox's own analysis (indentation) sees one.
 *
 * <p>Lines are joined with a space, except where a word was hyphenated across the line end:
 * "Versanddienst-" + "leister" becomes "Versanddienstleister", while "Software-" + "Entwicklung"
 * keeps its hyphen (a capital after the hyphen means a compound) and "Kunden-" + "und" keeps it
 * with a space (a German conjunction after the hyphen means an elided word).
 *
 * <p>Paragraphs set clearly larger than the body text are headings, levelled by size.
 */
final class PdfParagraphs {

  /** Line spacing (baseline to baseline) of single-spaced text, relative to the type size. */
  private static final float MAX_LINE_SPACING = 1.25f;

  /** How much wider than usual a gap must be to separate paragraphs. */
  private static final float PARAGRAPH_GAP = 1.3f;

  /** A line ending a sentence this much shorter than the page's longest line ends a paragraph. */
  private static final float SHORT_LINE = 0.8f;

  /** Heading text is set at least this much larger than the body text. */
  private static final float HEADING_SIZE = 1.15f;

  private static final int MAX_HEADING_LEVEL = 3;

  /** Words that follow a hyphen at a line end when the hyphen stands for an elided word. */
  private static final Set<String> CONJUNCTIONS = Set.of("und", "oder", "sowie", "bzw.", "bis");

  private PdfParagraphs() {}

  /** The paragraphs {@code lines} form, in order. */
  static List<PdfParagraph> group(List<PdfLine> lines) {
    if (lines.isEmpty()) {
      return List.of();
    }
    float spacing = typicalSpacing(lines);
    Map<Integer, Float> longestLine = new HashMap<>();
    for (PdfLine line : lines) {
      longestLine.merge(line.page(), line.right(), Math::max);
    }
    List<List<PdfLine>> groups = new ArrayList<>();
    List<PdfLine> current = new ArrayList<>();
    for (PdfLine line : lines) {
      if (!current.isEmpty()
          && startsParagraph(current.getLast(), line, spacing, longestLine.get(line.page()))) {
        groups.add(current);
        current = new ArrayList<>();
      }
      current.add(line);
    }
    groups.add(current);

    float bodySize = bodySize(lines);
    List<Float> headingSizes =
        groups.stream()
            .map(group -> group.getFirst().fontSize())
            .filter(size -> size > bodySize * HEADING_SIZE)
            .distinct()
            .sorted((a, b) -> Float.compare(b, a))
            .toList();
    List<PdfParagraph> paragraphs = new ArrayList<>();
    for (List<PdfLine> group : groups) {
      int rank = headingSizes.indexOf(group.getFirst().fontSize());
      int level = rank < 0 ? 0 : Math.min(rank + 1, MAX_HEADING_LEVEL);
      paragraphs.add(new PdfParagraph(join(group.stream().map(PdfLine::text).toList()), level));
    }
    return paragraphs;
  }

  /** The lines' texts as one, undoing hyphenation at line ends. */
  static String join(List<String> lines) {
    StringBuilder text = new StringBuilder(lines.getFirst());
    for (String next : lines.subList(1, lines.size())) {
      int end = text.length();
      char last = text.charAt(end - 1);
      boolean hyphenAfterLetter =
          last == '-' && end >= 2 && Character.isLetter(text.charAt(end - 2));
      String firstWord = next.split(" ", 2)[0];
      if (last == '\u00AD') {
        text.setLength(end - 1);
        text.append(next);
      } else if (hyphenAfterLetter && CONJUNCTIONS.contains(firstWord)) {
        text.append(' ').append(next);
      } else if (hyphenAfterLetter && Character.isLowerCase(next.charAt(0))) {
        text.setLength(end - 1);
        text.append(next);
      } else if (hyphenAfterLetter && Character.isLetter(next.charAt(0))) {
        text.append(next);
      } else {
        text.append(' ').append(next);
      }
    }
    return text.toString();
  }

  private static boolean startsParagraph(
      PdfLine previous, PdfLine line, float spacing, float longestLine) {
    if (line.page() != previous.page() || line.startsParagraph()) {
      return true;
    }
    if (Math.abs(line.fontSize() - previous.fontSize()) > 0.5f) {
      return true;
    }
    float gap = (line.baseline() - previous.baseline()) / typeSize(previous);
    if (gap <= 0 || gap > spacing * PARAGRAPH_GAP) {
      return true;
    }
    String text = previous.text();
    boolean endsSentence =
        text.endsWith(".") || text.endsWith("!") || text.endsWith("?") || text.endsWith(":");
    return endsSentence && previous.right() < longestLine * SHORT_LINE;
  }

  /**
   * The usual baseline-to-baseline distance of neighbouring lines relative to their type size: the
   * median, at most single spacing (so a document of one-line paragraphs, where every gap is a
   * paragraph gap, still has its paragraphs told apart).
   */
  private static float typicalSpacing(List<PdfLine> lines) {
    List<Float> gaps = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      PdfLine previous = lines.get(i - 1);
      PdfLine line = lines.get(i);
      if (line.page() == previous.page()
          && Math.abs(line.fontSize() - previous.fontSize()) <= 0.5f
          && line.baseline() > previous.baseline()) {
        gaps.add((line.baseline() - previous.baseline()) / typeSize(previous));
      }
    }
    if (gaps.isEmpty()) {
      return MAX_LINE_SPACING;
    }
    gaps.sort(Float::compare);
    return Math.min(gaps.get(gaps.size() / 2), MAX_LINE_SPACING);
  }

  /** The line's type size, never zero (broken fonts report zero). */
  private static float typeSize(PdfLine line) {
    return Math.max(line.fontSize(), 1f);
  }

  /** The type size most of the text is set in. */
  private static float bodySize(List<PdfLine> lines) {
    Map<Float, Integer> characters = new HashMap<>();
    for (PdfLine line : lines) {
      characters.merge(line.fontSize(), line.text().length(), Integer::sum);
    }
    return characters.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }
}
