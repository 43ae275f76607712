package dev.translation.documents.subtitles;

import dev.translation.documents.text.SourceLine;
import java.util.List;

/**
 * A cue as far as translation cares: the lines of text after its timing line.
 *
 * @param lines the cue's text lines, none blank; empty for a cue without text
 * @param separator what separates lines a translation adds: the separator of the cue's own lines
 */
record Cue(List<SourceLine> lines, String separator) {

  /** A cue whose text lines start right after {@code timing}. */
  static Cue after(String content, SourceLine timing, List<SourceLine> lines) {
    String separator =
        lines.size() > 1 ? lines.getFirst().separator(content) : timing.separator(content);
    return new Cue(List.copyOf(lines), separator.isEmpty() ? "\n" : separator);
  }
}
