package dev.translation.documents.subtitles;

import dev.translation.documents.text.PhraseFinder;
import dev.translation.documents.text.SourceLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The text lines of one cue, each split into the markup around it (a voice or italics tag that
 * wraps the line), the words to translate, and the tags among those words.
 *
 * <p>The text is the lines' words joined by line feeds. A translation with as many lines gets each
 * line's surrounding markup back; a tag pair among the words is put back around the same words
 * where the translation still has them (a name, say), and dropped otherwise, since a translation
 * does not say where its words came from. A translation with more or fewer lines keeps the markup
 * before the first line and after the last.
 */
final class CueText {

  private final List<MarkedLine> lines;
  private final String separator;

  private CueText(List<MarkedLine> lines, String separator) {
    this.lines = lines;
    this.separator = separator;
  }

  /**
   * Reads the text lines of a cue.
   *
   * @param separator what separates lines the translation adds
   */
  static CueText of(String content, List<SourceLine> lines, String separator, CueMarkup markup) {
    List<MarkedLine> marked = new ArrayList<>(lines.size());
    for (SourceLine line : lines) {
      marked.add(MarkedLine.of(content, line, markup));
    }
    return new CueText(marked, separator);
  }

  /** The words of the cue, line by line; empty when it has none. */
  String text() {
    List<String> texts = new ArrayList<>();
    for (MarkedLine line : lines) {
      if (!line.text().isEmpty()) {
        texts.add(line.text());
      }
    }
    return String.join("\n", texts);
  }

  /** Where the cue's text lines start in the file's content. */
  int start() {
    return lines.getFirst().line().start();
  }

  /** Where the cue's last text line ends (before its separator). */
  int end() {
    return lines.getLast().line().end();
  }

  /** Writes what replaces {@code [start(), end())}: the cue's lines with {@code translation}. */
  void writeTranslation(String content, String translation, CueMarkup markup, StringBuilder out) {
    List<String> translated =
        translation.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    List<MarkedLine> worded = lines.stream().filter(line -> !line.text().isEmpty()).toList();
    if (translated.size() == worded.size()) {
      int next = 0;
      for (int i = 0; i < lines.size(); i++) {
        MarkedLine line = lines.get(i);
        if (i > 0) {
          SourceLine previous = lines.get(i - 1).line();
          out.append(content, previous.end(), previous.next());
        }
        if (line.text().isEmpty()) {
          out.append(content, line.line().start(), line.line().end());
        } else {
          line.writeTranslation(content, translated.get(next++), markup, out);
        }
      }
      return;
    }
    MarkedLine first = worded.getFirst();
    MarkedLine last = worded.getLast();
    out.append(content, first.line().start(), first.wordsStart());
    for (int i = 0; i < translated.size(); i++) {
      out.append(i == 0 ? "" : separator).append(markup.encode(translated.get(i)));
    }
    out.append(content, last.wordsEnd(), last.line().end());
  }

  /** A tag pair among a line's words, and the words it wraps. */
  private record InnerTags(String open, String close, String words) {}

  /**
   * One text line: markup {@code [line.start, wordsStart)}, words {@code [wordsStart, wordsEnd)}
   * (with tags among them), markup {@code [wordsEnd, line.end)}.
   */
  private record MarkedLine(
      SourceLine line, int wordsStart, int wordsEnd, String text, List<InnerTags> innerTags) {

    static MarkedLine of(String content, SourceLine line, CueMarkup markup) {
      List<int[]> tags = new ArrayList<>();
      int wordsStart = -1;
      int wordsEnd = line.start();
      for (int at = line.start(); at < line.end(); ) {
        int tag = markup.tagLength(content, at, line.end());
        if (tag > 0) {
          tags.add(new int[] {at, at + tag});
          at += tag;
          continue;
        }
        if (!Character.isWhitespace(content.charAt(at))) {
          wordsStart = wordsStart < 0 ? at : wordsStart;
          wordsEnd = at + 1;
        }
        at++;
      }
      if (wordsStart < 0) {
        return new MarkedLine(line, line.end(), line.end(), "", List.of());
      }
      StringBuilder words = new StringBuilder();
      List<Wrapped> wrapped = new ArrayList<>();
      Deque<Opened> open = new ArrayDeque<>();
      int copied = wordsStart;
      for (int[] tag : tags) {
        if (tag[0] < wordsStart || tag[1] > wordsEnd) {
          continue;
        }
        words.append(content, copied, tag[0]);
        copied = tag[1];
        String name = tagName(content, tag);
        if (name.isEmpty()) {
          continue;
        }
        if (content.charAt(tag[0] + 1) != '/') {
          open.push(new Opened(name, content.substring(tag[0], tag[1]), words.length()));
          continue;
        }
        // Tags left open inside a closed pair are dropped, as players drop them.
        while (!open.isEmpty() && !open.peek().name().equals(name)) {
          open.pop();
        }
        if (!open.isEmpty()) {
          Opened opened = open.pop();
          int from = opened.wordsAt();
          wrapped.removeIf(inner -> inner.from() >= from);
          wrapped.add(
              new Wrapped(opened.tag(), content.substring(tag[0], tag[1]), from, words.length()));
        }
      }
      words.append(content, copied, wordsEnd);
      List<InnerTags> inner = new ArrayList<>(wrapped.size());
      for (Wrapped pair : wrapped) {
        String wordsInside = markup.decode(words.substring(pair.from(), pair.to())).strip();
        if (!wordsInside.isEmpty()) {
          inner.add(new InnerTags(pair.open(), pair.close(), wordsInside));
        }
      }
      return new MarkedLine(
          line, wordsStart, wordsEnd, markup.decode(words.toString()).strip(), List.copyOf(inner));
    }

    private record Opened(String name, String tag, int wordsAt) {}

    private record Wrapped(String open, String close, int from, int to) {}

    /** The name of a tag: {@code v} of {@code <v Roger>}, {@code c} of {@code </c.yellow>}. */
    private static String tagName(String content, int[] tag) {
      int at = tag[0] + 1;
      if (at < tag[1] && content.charAt(at) == '/') {
        at++;
      }
      int end = at;
      while (end < tag[1] && Character.isLetterOrDigit(content.charAt(end))) {
        end++;
      }
      return content.substring(at, end);
    }

    void writeTranslation(String content, String translation, CueMarkup markup, StringBuilder out) {
      out.append(content, line.start(), wordsStart);
      PhraseFinder finder = new PhraseFinder(translation);
      int copied = 0;
      for (InnerTags tags : innerTags) {
        int at = finder.find(tags.words(), copied);
        if (at < 0) {
          continue;
        }
        int end = at + tags.words().length();
        out.append(markup.encode(translation.substring(copied, at)));
        out.append(tags.open())
            .append(markup.encode(translation.substring(at, end)))
            .append(tags.close());
        copied = end;
      }
      out.append(markup.encode(translation.substring(copied)));
      out.append(content, wordsEnd, line.end());
    }
  }
}
