package dev.translation.documents.text;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a text file (plain text, subtitles): its characters are {@code [start, end)} of the
 * file's content, its line separator {@code [end, next)}.
 *
 * @param number the line's 1-based number, for error messages
 */
public record SourceLine(int number, int start, int end, int next) {

  /** The lines of {@code content}; LF, CRLF and CR all end a line. */
  public static List<SourceLine> of(String content) {
    List<SourceLine> lines = new ArrayList<>();
    int start = 0;
    while (start < content.length()) {
      int end = start;
      while (end < content.length() && content.charAt(end) != '\n' && content.charAt(end) != '\r') {
        end++;
      }
      int next = end;
      if (next < content.length()) {
        next += content.startsWith("\r\n", next) ? 2 : 1;
      }
      lines.add(new SourceLine(lines.size() + 1, start, end, next));
      start = next;
    }
    return lines;
  }

  public String text(String content) {
    return content.substring(start, end);
  }

  public boolean isBlank(String content) {
    return text(content).isBlank();
  }

  public String separator(String content) {
    return content.substring(end, next);
  }
}
