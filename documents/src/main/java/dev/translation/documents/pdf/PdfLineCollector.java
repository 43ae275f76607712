package dev.translation.documents.pdf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Collects the lines of a PDF, in reading order as PDFBox sorts text by position, with where each
 * sits and how large it is set, instead of writing them out as plain text.
 */
final class PdfLineCollector extends PDFTextStripper {

  private final List<PdfLine> lines = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();
  private final List<TextPosition> positions = new ArrayList<>();
  private boolean paragraphStart = true;

  PdfLineCollector() {
    setSortByPosition(true);
  }

  /** The lines collected by {@link #getText}. */
  List<PdfLine> lines() {
    return lines;
  }

  @Override
  protected void writeString(String string, List<TextPosition> textPositions) {
    text.append(string);
    positions.addAll(textPositions);
  }

  @Override
  protected void writeWordSeparator() {
    text.append(' ');
  }

  @Override
  protected void writeLineSeparator() {
    endLine();
  }

  @Override
  protected void writeParagraphStart() {
    endLine();
    paragraphStart = true;
  }

  @Override
  protected void writeParagraphEnd() {
    endLine();
  }

  @Override
  protected void writePageEnd() {
    endLine();
    paragraphStart = true;
  }

  private void endLine() {
    String line = text.toString().replaceAll("\\s+", " ").strip();
    if (!line.isEmpty() && !positions.isEmpty()) {
      TextPosition first = positions.getFirst();
      TextPosition last = positions.getLast();
      lines.add(
          new PdfLine(
              getCurrentPageNo(),
              line,
              first.getYDirAdj(),
              last.getXDirAdj() + last.getWidthDirAdj(),
              commonFontSize(positions),
              paragraphStart));
      paragraphStart = false;
    }
    text.setLength(0);
    positions.clear();
  }

  /** The size most characters of the line are set in (not a superscript's or a drop cap's). */
  private static float commonFontSize(List<TextPosition> positions) {
    Map<Float, Integer> counts = new HashMap<>();
    for (TextPosition position : positions) {
      counts.merge(Math.round(position.getFontSizeInPt() * 2) / 2f, 1, Integer::sum);
    }
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }
}
