package dev.translation.documents.markdown;

import dev.translation.documents.TextTranslation;
import dev.translation.documents.markdown.Inline.Break;
import dev.translation.documents.markdown.Inline.Picture;
import dev.translation.documents.markdown.Inline.Span;
import dev.translation.documents.markdown.Inline.Verbatim;
import dev.translation.documents.markdown.Inline.Words;
import dev.translation.documents.markdown.InlineBlock.Html;
import dev.translation.documents.markdown.InlineBlock.Kind;
import dev.translation.documents.markdown.InlineBlock.Run;
import dev.translation.documents.markdown.InlineBlock.Segment;
import dev.translation.documents.text.PhraseFinder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes a block's inline content with its texts translated: each run's translation, escaped so
 * that it reads as the words it is, with the run's markup put back where the translation lets it be
 * found (see {@link MarkdownHandler} for the rules).
 */
final class InlineWriter {

  private final String content;
  private final List<String> texts;
  private final List<TextTranslation> translations;

  InlineWriter(String content, List<String> texts, List<TextTranslation> translations) {
    this.content = content;
    this.texts = texts;
    this.translations = translations;
  }

  /** Whether any translation in {@code block} differs from its text. */
  boolean changes(InlineBlock block) {
    for (Segment segment : block.segments()) {
      if (segment instanceof Run run && changes(run)) {
        return true;
      }
    }
    return false;
  }

  /** What replaces {@code [block.start(), block.end())}. */
  String write(InlineBlock block) {
    Output out = new Output(block.kind());
    int copied = block.start();
    for (Segment segment : block.segments()) {
      switch (segment) {
        case Html html -> {
          out.verbatim(content.substring(copied, html.start()));
          out.markup(content.substring(html.start(), html.end()));
          copied = html.end();
        }
        case Run run -> {
          out.verbatim(content.substring(copied, run.start()));
          if (changes(run)) {
            write(run, out);
          } else {
            out.verbatim(content.substring(run.start(), run.end()));
          }
          copied = run.end();
        }
      }
    }
    out.verbatim(content.substring(copied, block.end()));
    return out.finish();
  }

  private boolean changes(Run run) {
    return changed(run.text()) || changes(run.pieces());
  }

  private boolean changes(List<Inline> pieces) {
    for (Inline piece : pieces) {
      boolean changes =
          switch (piece) {
            case Span span -> changed(span.text()) || changes(span.children());
            case Picture picture -> changed(picture.text());
            default -> false;
          };
      if (changes) {
        return true;
      }
    }
    return false;
  }

  private boolean changed(int text) {
    return text != Inline.NO_TEXT && !translation(text).equals(texts.get(text));
  }

  /** A text's translation; a blank one stands for the text itself, as nothing can replace it. */
  private String translation(int text) {
    String translation = translations.get(text).text().strip();
    return translation.isEmpty() ? texts.get(text) : translation;
  }

  private void write(Run run, Output out) {
    String visible = Inline.visibleText(run.pieces());
    String words = visible.strip();
    int leading = words.isEmpty() ? visible.length() : visible.indexOf(words);
    String lead = visible.substring(0, leading);
    String trail = visible.substring(leading + words.length());
    Deque<String> joints = new ArrayDeque<>(run.joints());
    Deque<String> trailJoints = new ArrayDeque<>();
    for (long breaks = trail.chars().filter(c -> c == '\n').count();
        breaks > 0 && !joints.isEmpty();
        breaks--) {
      trailJoints.addFirst(joints.removeLast());
    }
    out.text(lead, joints);
    String translation = run.text() == Inline.NO_TEXT ? "" : translation(run.text());
    place(run.pieces(), translation, out, joints);
    out.text(trail, trailJoints);
  }

  /**
   * Writes {@code translation} with {@code pieces}' markup: each piece where the translation has
   * its words, the rest before the translation (when nothing came before them in the source) or
   * after it. Emphasis whose words cannot be found is dropped; its links and pictures are not.
   */
  private void place(List<Inline> pieces, String translation, Output out, Deque<String> joints) {
    List<Placed> placed = new ArrayList<>();
    List<Inline> before = new ArrayList<>();
    List<Inline> after = new ArrayList<>();
    Deque<Inline> queue = new ArrayDeque<>(pieces);
    PhraseFinder finder = new PhraseFinder(translation);
    int cursor = 0;
    boolean wordsSeen = false;
    while (!queue.isEmpty()) {
      Inline piece = queue.poll();
      switch (piece) {
        case Words words -> wordsSeen |= !words.text().isBlank();
        case Break ignored -> {}
        case Verbatim verbatim -> {
          String reads = verbatim.text().strip();
          int at = finder.find(reads, cursor);
          if (at >= 0) {
            placed.add(new Placed(at, at + reads.length(), verbatim));
            cursor = at + reads.length();
          } else {
            (wordsSeen ? after : before).add(verbatim);
          }
          wordsSeen |= !reads.isEmpty();
        }
        case Span span when Inline.hasWords(span.children()) -> {
          int[] range = find(span, translation, finder, cursor);
          if (range != null) {
            placed.add(new Placed(range[0], range[1], span));
            cursor = range[1];
          } else if (span.link()) {
            (wordsSeen ? after : before).add(span);
          } else {
            span.children().reversed().forEach(queue::addFirst);
            continue;
          }
          wordsSeen = true;
        }
        case Span wordless -> (wordsSeen ? after : before).add(wordless);
        case Picture picture -> (wordsSeen ? after : before).add(picture);
      }
    }
    boolean written = false;
    for (Inline piece : before) {
      written = separate(written, out);
      writeAlone(piece, out);
    }
    if (!translation.isBlank()) {
      written = separate(written, out);
      int copied = 0;
      for (Placed piece : placed) {
        out.text(translation.substring(copied, piece.start()), joints);
        writeAround(piece.inline(), translation.substring(piece.start(), piece.end()), out, joints);
        copied = piece.end();
      }
      out.text(translation.substring(copied), joints);
    }
    for (Inline piece : after) {
      written = separate(written, out);
      writeAlone(piece, out);
    }
  }

  private static boolean separate(boolean written, Output out) {
    if (written) {
      out.space();
    }
    return true;
  }

  /**
   * Where a span's words stand in {@code translation}: its own translation, or its source words.
   */
  private int[] find(Span span, String translation, PhraseFinder finder, int from) {
    if (span.text() == Inline.NO_TEXT) {
      // It wraps all the words around it.
      int start = from;
      while (start < translation.length() && Character.isWhitespace(translation.charAt(start))) {
        start++;
      }
      int end = translation.stripTrailing().length();
      return start < end ? new int[] {start, end} : null;
    }
    for (String words : List.of(translation(span.text()), texts.get(span.text()))) {
      int at = finder.find(words, from);
      if (at >= 0) {
        return new int[] {at, at + words.length()};
      }
    }
    return null;
  }

  private void writeAround(Inline piece, String words, Output out, Deque<String> joints) {
    switch (piece) {
      case Verbatim verbatim -> out.markup(verbatim.source());
      case Span span -> {
        out.markup(span.open());
        place(span.children(), words, out, joints);
        out.markup(span.close());
      }
      default -> throw new IllegalStateException("only verbatim markup and spans are placed");
    }
  }

  /** Writes a piece that has no place in the translation, on its own. */
  private void writeAlone(Inline piece, Output out) {
    switch (piece) {
      case Verbatim verbatim -> out.markup(verbatim.source());
      case Span span -> {
        out.markup(span.open());
        String words =
            span.text() == Inline.NO_TEXT
                ? Inline.visibleText(span.children()).strip()
                : translation(span.text());
        place(span.children(), words, out, null);
        out.markup(span.close());
      }
      case Picture picture -> {
        out.markup(picture.open());
        out.text(translation(picture.text()), null);
        out.markup(picture.close());
      }
      default -> throw new IllegalStateException("words and breaks are never written alone");
    }
  }

  private record Placed(int start, int end, Inline inline) {}

  /**
   * The Markdown being written for one block. Text is escaped so that it cannot become markup; a
   * line break becomes the next of the block's joints (a space where the block has no lines, or no
   * joints are left); white space collapses, and is dropped at the start of a line and before a
   * break.
   */
  private static final class Output {

    /** Characters that are markup anywhere in a line. */
    private static final String ALWAYS_ESCAPED = "\\`*_[]<";

    /** Characters that start a block at the start of a line (a heading, quote, list, fence). */
    private static final String LINE_START_ESCAPED = "#>-+=~";

    private static final Pattern ORDERED_LIST_MARKER = Pattern.compile("\\d{1,9}[.)]");
    private static final Pattern ENTITY =
        Pattern.compile("&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");

    private final Kind kind;
    private final StringBuilder out = new StringBuilder();
    private boolean written;
    private boolean lineStart;
    private boolean pendingSpace;
    private String pendingJoint;
    private boolean afterClosingBracket;
    private int exclamationAt = -1;

    Output(Kind kind) {
      this.kind = kind;
      // A row's first cell need not follow a pipe.
      this.lineStart = kind != Kind.ATX_HEADING;
    }

    /** Source copied as it was. */
    void verbatim(String source) {
      if (source.isEmpty()) {
        return;
      }
      flush();
      out.append(source);
      written = true;
      lineStart = false;
      afterClosingBracket = false;
    }

    /** Markup put back as it was written. */
    void markup(String source) {
      if (source.isEmpty()) {
        return;
      }
      flush();
      if (source.charAt(0) == '[' && exclamationAt >= 0 && exclamationAt == out.length() - 1) {
        // "!" right before a link would turn it into an image.
        out.insert(exclamationAt, '\\');
      }
      out.append(source);
      written = true;
      lineStart = false;
      afterClosingBracket = source.endsWith("]");
    }

    void space() {
      pendingSpace = true;
    }

    /**
     * Translated text, escaped.
     *
     * @param joints the source of the line breaks still to be written, or null where breaks become
     *     spaces
     */
    void text(String text, Deque<String> joints) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n' || c == '\r') {
          lineBreak(joints);
        } else if (Character.isWhitespace(c)) {
          pendingSpace = true;
        } else {
          flush();
          i = escaped(text, i);
          written = true;
        }
      }
    }

    /** The block's Markdown, with a heading's trailing {@code #}s kept from closing it. */
    String finish() {
      if (kind == Kind.ATX_HEADING && !out.isEmpty() && out.charAt(out.length() - 1) == '#') {
        int run = out.length();
        while (run > 0 && out.charAt(run - 1) == '#') {
          run--;
        }
        if (run == 0 || out.charAt(run - 1) == ' ' || out.charAt(run - 1) == '\t') {
          out.insert(run, '\\');
        }
      }
      return out.toString();
    }

    private void lineBreak(Deque<String> joints) {
      if (pendingJoint != null) {
        return;
      }
      if (!kind.hasLines() || joints == null || joints.isEmpty()) {
        pendingSpace = true;
        return;
      }
      pendingJoint = joints.poll();
    }

    private void flush() {
      if (pendingJoint != null) {
        if (written) {
          out.append(pendingJoint);
          lineStart = true;
        }
        afterClosingBracket = false;
      } else if (pendingSpace && written) {
        out.append(' ');
        lineStart = false;
        afterClosingBracket = false;
      }
      pendingJoint = null;
      pendingSpace = false;
    }

    /** Writes the character at {@code i}, escaped; returns the index of the last one written. */
    private int escaped(String text, int i) {
      char c = text.charAt(i);
      boolean atLineStart = lineStart;
      boolean afterBracket = afterClosingBracket;
      lineStart = false;
      afterClosingBracket = false;
      if (atLineStart) {
        var marker = ORDERED_LIST_MARKER.matcher(text).region(i, text.length());
        if (marker.lookingAt()) {
          out.append(text, i, marker.end() - 1).append('\\').append(text.charAt(marker.end() - 1));
          return marker.end() - 1;
        }
        if (LINE_START_ESCAPED.indexOf(c) >= 0) {
          out.append('\\').append(c);
          return i;
        }
      }
      if (c == '|') {
        // Outside a table, a line with a pipe right after one would continue it, even escaped.
        out.append(kind == Kind.TABLE_CELL ? "\\|" : "&#124;");
        return i;
      }
      if (ALWAYS_ESCAPED.indexOf(c) >= 0
          || c == '&' && ENTITY.matcher(text).region(i, text.length()).lookingAt()
          || afterBracket && (c == '(' || c == ':')) {
        out.append('\\');
      }
      if (c == '!') {
        exclamationAt = out.length();
      }
      out.append(c);
      return i;
    }
  }
}
