package dev.translation.documents.text;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.FormatHandler;
import dev.translation.documents.TextTranslation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Plain text files. Each paragraph, a run of lines that are not blank, is one text; its lines are
 * joined by line feeds, with each line's surrounding white space left out.
 *
 * <p>The file is written back in the encoding it came in (see {@link TextFile}), and everything
 * outside the paragraphs stays as it was: blank lines, line separators (CRLF or LF, line by line),
 * indentation and trailing white space. A translation with as many lines as its paragraph has gets
 * each source line's indentation and separator; one with more or fewer lines gets those of the
 * nearest source line. Blank lines inside a translation are dropped, since they would split the
 * paragraph in two, and a blank translation leaves its paragraph as it was rather than remove it.
 */
public final class PlainTextHandler implements FormatHandler {

  private final DocumentLimits limits;

  /**
   * @param limits what one document may hold; plain text counts paragraphs against {@link
   *     DocumentLimits#maxTexts()}
   */
  public PlainTextHandler(DocumentLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  public DocumentFormat format() {
    return DocumentFormat.TEXT;
  }

  @Override
  public List<String> texts(byte[] document) {
    String content = TextFile.read(document).content();
    return paragraphs(content).stream().map(paragraph -> paragraph.text(content)).toList();
  }

  @Override
  public byte[] translate(byte[] document, List<TextTranslation> translations) {
    TextFile file = TextFile.read(document);
    String content = file.content();
    List<Paragraph> paragraphs = paragraphs(content);
    if (translations.size() != paragraphs.size()) {
      throw new IllegalArgumentException(
          "expected " + paragraphs.size() + " translations, got " + translations.size());
    }
    String separator = firstSeparator(content);
    StringBuilder out = new StringBuilder(content.length() + content.length() / 4);
    int copied = 0;
    for (int i = 0; i < paragraphs.size(); i++) {
      Paragraph paragraph = paragraphs.get(i);
      String translation = translations.get(i).text();
      if (translation.isBlank()) {
        continue;
      }
      out.append(content, copied, paragraph.start());
      paragraph.writeTranslation(content, translation, separator, out);
      copied = paragraph.end();
    }
    out.append(content, copied, content.length());
    return file.encode(out.toString());
  }

  private List<Paragraph> paragraphs(String content) {
    List<Paragraph> paragraphs = new ArrayList<>();
    List<Line> current = new ArrayList<>();
    for (Line line : lines(content)) {
      if (!line.isBlank(content)) {
        current.add(line);
        continue;
      }
      if (!current.isEmpty()) {
        add(paragraphs, current);
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) {
      add(paragraphs, current);
    }
    return paragraphs;
  }

  private void add(List<Paragraph> paragraphs, List<Line> lines) {
    if (paragraphs.size() == limits.maxTexts()) {
      throw new DocumentTooLargeException(
          "the text has more than "
              + limits.maxTexts()
              + " paragraphs, the most one document may hold");
    }
    paragraphs.add(new Paragraph(List.copyOf(lines)));
  }

  private static List<Line> lines(String content) {
    return SourceLine.of(content).stream()
        .map(line -> new Line(line.start(), line.end(), line.next()))
        .toList();
  }

  /** The separator of the file's first line break, for translations with more lines. */
  private static String firstSeparator(String content) {
    for (int i = 0; i < content.length(); i++) {
      if (content.charAt(i) == '\n') {
        return "\n";
      }
      if (content.charAt(i) == '\r') {
        return content.startsWith("\r\n", i) ? "\r\n" : "\r";
      }
    }
    return "\n";
  }

  /** One line: its characters are {@code [start, end)}, its separator {@code [end, next)}. */
  private record Line(int start, int end, int next) {

    boolean isBlank(String content) {
      return contentStart(content) == end;
    }

    int contentStart(String content) {
      int at = start;
      while (at < end && Character.isWhitespace(content.charAt(at))) {
        at++;
      }
      return at;
    }

    int contentEnd(String content) {
      int at = end;
      while (at > start && Character.isWhitespace(content.charAt(at - 1))) {
        at--;
      }
      return at;
    }

    String text(String content) {
      return content.substring(contentStart(content), contentEnd(content));
    }
  }

  /** Lines that are not blank, between blank lines or the file's ends. */
  private record Paragraph(List<Line> lines) {

    int start() {
      return lines.getFirst().start();
    }

    /** Where the last line's characters end; its separator belongs to what follows. */
    int end() {
      return lines.getLast().end();
    }

    String text(String content) {
      List<String> texts = new ArrayList<>(lines.size());
      for (Line line : lines) {
        texts.add(line.text(content));
      }
      return String.join("\n", texts);
    }

    void writeTranslation(
        String content, String translation, String fallbackSeparator, StringBuilder out) {
      List<String> translated =
          translation.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
      boolean sameShape = translated.size() == lines.size();
      for (int i = 0; i < translated.size(); i++) {
        Line source = lines.get(Math.min(i, lines.size() - 1));
        out.append(content, source.start(), source.contentStart(content));
        out.append(translated.get(i));
        if (sameShape) {
          out.append(content, source.contentEnd(content), source.end());
        }
        if (i < translated.size() - 1) {
          if (lines.size() > 1) {
            Line before = lines.get(Math.min(i, lines.size() - 2));
            out.append(content, before.end(), before.next());
          } else {
            out.append(fallbackSeparator);
          }
        }
      }
    }
  }
}
