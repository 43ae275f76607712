package dev.translation.documents.inline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text whose inline markup (a link, bold words, a line break, an inline code) is replaced by
 * numbered placeholders, so that it can be translated as one piece and its markup put back around
 * the words it belongs to afterwards.
 *
 * <p>The placeholders follow XLIFF 1.2's inline model, which translation engines that handle tags
 * at all know: {@code <g1>…</g1>} stands for markup whose content is translated with the text, and
 * {@code <x2/>} for markup that is kept exactly as it was (an image, a line break, code). Numbers
 * are unique within the text and skip any number that the text already holds in such a tag
 * literally, so literal text is never mistaken for a placeholder.
 *
 * <p>{@link #restore} reads a translation back. A placeholder counts only where the translation
 * keeps it intact: exactly once (a pair: opened before closed), properly nested, and inside the
 * same enclosing markup as in the source. Markup whose placeholder is missing, repeated, mangled or
 * moved out of its enclosing markup is never dropped: it is kept with its original, untranslated
 * content at the end of its enclosing markup (or of the text), so a document can lose word order
 * around a link but never the link. Placeholders the translation invents are dropped.
 *
 * @param <N> the markup's node type in the document (a jsoup node, a DOM element)
 */
public final class PlaceholderText<N> {

  /** Also accepts the whitespace and case changes engines make to tags they keep. */
  private static final Pattern PLACEHOLDER =
      Pattern.compile("<\\s*(/?)\\s*([gx])\\s*(\\d{1,9})\\s*(/?)\\s*>", Pattern.CASE_INSENSITIVE);

  private static final int TOP = 0;

  private final String text;
  private final String plainText;
  private final Map<Integer, Code<N>> codes;
  private final Set<Integer> literalNumbers;

  private PlaceholderText(
      String text, String plainText, Map<Integer, Code<N>> codes, Set<Integer> literalNumbers) {
    this.text = text;
    this.plainText = plainText;
    this.codes = codes;
    this.literalNumbers = literalNumbers;
  }

  /** Starts a text; call its methods in document order. */
  public static <N> Builder<N> builder() {
    return new Builder<>();
  }

  /** The text to translate, with placeholders. */
  public String text() {
    return text;
  }

  /** The text without its markup: what a reader sees of it (not counting kept markup). */
  public String plainText() {
    return plainText;
  }

  /** Whether the text holds markup. */
  public boolean hasPlaceholders() {
    return !codes.isEmpty();
  }

  /**
   * Reads {@code translation} (a translation of {@link #text()}) into {@code sink} as text and
   * markup events, well nested, with every piece of markup of the source exactly once: placed where
   * the translation put its placeholder, or else kept with its original content.
   */
  public void restore(String translation, Sink<N> sink) {
    List<Token> tokens = tokens(translation);
    Set<Integer> placed = placed(tokens);
    Map<Integer, List<Integer>> children = new HashMap<>();
    codes.forEach(
        (number, code) ->
            children.computeIfAbsent(code.parent(), k -> new ArrayList<>()).add(number));
    Emitter<N> out = new Emitter<>(sink);
    for (Token token : tokens) {
      if (token.kind() == Kind.TEXT) {
        out.text(token.text());
      } else if (placed.contains(token.number())) {
        N node = codes.get(token.number()).node();
        switch (token.kind()) {
          case START -> out.start(node);
          case END -> {
            keepMisplaced(token.number(), children, placed, out);
            out.end(node);
          }
          default -> out.standalone(node);
        }
      }
    }
    keepMisplaced(TOP, children, placed, out);
    out.flush();
  }

  private void keepMisplaced(
      int parent, Map<Integer, List<Integer>> children, Set<Integer> placed, Emitter<N> out) {
    for (int number : children.getOrDefault(parent, List.of())) {
      if (!placed.contains(number)) {
        out.keep(codes.get(number).node());
      }
    }
  }

  /**
   * The placeholders the translation kept intact: each exactly once (a pair opened before it is
   * closed), nested as in the source. Dropping one can orphan its children, hence the repetition.
   */
  private Set<Integer> placed(List<Token> tokens) {
    Map<Integer, int[]> seen = new HashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.kind() != Kind.TEXT) {
        int[] counts = seen.computeIfAbsent(token.number(), k -> new int[] {0, 0, -1, -1});
        if (token.kind() == Kind.END) {
          counts[1]++;
          counts[3] = i;
        } else {
          counts[0]++;
          counts[2] = i;
        }
      }
    }
    Set<Integer> placed = new HashSet<>();
    seen.forEach(
        (number, counts) -> {
          boolean paired = codes.get(number).paired();
          boolean intact =
              paired
                  ? counts[0] == 1 && counts[1] == 1 && counts[2] < counts[3]
                  : counts[0] == 1 && counts[1] == 0;
          if (intact) {
            placed.add(number);
          }
        });
    boolean changed = true;
    while (changed) {
      changed = false;
      Deque<Integer> open = new ArrayDeque<>();
      for (Token token : tokens) {
        if (token.kind() == Kind.TEXT || !placed.contains(token.number())) {
          continue;
        }
        int enclosing = open.isEmpty() ? TOP : open.peek();
        int number = token.number();
        if (token.kind() == Kind.END) {
          if (enclosing == number) {
            open.pop();
          } else {
            placed.remove(number);
            open.remove(number);
            changed = true;
          }
        } else if (codes.get(number).parent() != enclosing) {
          placed.remove(number);
          changed = true;
        } else if (token.kind() == Kind.START) {
          open.push(number);
        }
      }
    }
    return placed;
  }

  /** The translation as text and the placeholders of this text; invented ones are dropped. */
  private List<Token> tokens(String translation) {
    List<Token> tokens = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    Matcher matcher = PLACEHOLDER.matcher(translation);
    int from = 0;
    while (matcher.find()) {
      int number = Integer.parseInt(matcher.group(3));
      if (literalNumbers.contains(number)) {
        continue;
      }
      pending.append(translation, from, matcher.start());
      from = matcher.end();
      Code<N> code = codes.get(number);
      Kind kind = kind(matcher);
      if (code != null && kind != null && (kind == Kind.STANDALONE) != code.paired()) {
        if (!pending.isEmpty()) {
          tokens.add(new Token(Kind.TEXT, TOP, pending.toString()));
          pending.setLength(0);
        }
        tokens.add(new Token(kind, number, null));
      }
    }
    pending.append(translation, from, translation.length());
    if (!pending.isEmpty()) {
      tokens.add(new Token(Kind.TEXT, TOP, pending.toString()));
    }
    return tokens;
  }

  private static Kind kind(Matcher placeholder) {
    boolean closing = !placeholder.group(1).isEmpty();
    boolean selfClosing = !placeholder.group(4).isEmpty();
    if (placeholder.group(2).equalsIgnoreCase("x")) {
      return closing ? null : Kind.STANDALONE;
    }
    if (selfClosing) {
      return null;
    }
    return closing ? Kind.END : Kind.START;
  }

  /** Receives a restored translation: text and markup in document order, always well nested. */
  public interface Sink<N> {

    /** Translated text (never empty). */
    void text(String text);

    /** Markup whose content follows, up to the matching {@link #end}. */
    void start(N code);

    /** Closes the markup {@link #start} opened. */
    void end(N code);

    /** Markup kept exactly as in the source, where the translation placed it. */
    void standalone(N code);

    /**
     * Markup the translation lost or misplaced, to be kept as in the source with its original
     * content, at the current position (the end of its enclosing markup).
     */
    void keep(N code);
  }

  /** Builds a {@link PlaceholderText} from a document's inline content, in document order. */
  public static final class Builder<N> {

    private final List<Piece<N>> pieces = new ArrayList<>();
    private int depth;

    private Builder() {}

    /** Text of the content, as the reader sees it (unescaped). */
    public Builder<N> text(String text) {
      if (!text.isEmpty()) {
        int last = pieces.size() - 1;
        if (last >= 0 && pieces.get(last) instanceof Text<N>(String previous)) {
          pieces.set(last, new Text<>(previous + text));
        } else {
          pieces.add(new Text<>(text));
        }
      }
      return this;
    }

    /** Opens markup whose content is translated with the text; close it with {@link #end}. */
    public Builder<N> start(N code) {
      pieces.add(new Start<>(code));
      depth++;
      return this;
    }

    /** Closes the markup last opened. */
    public Builder<N> end() {
      if (depth == 0) {
        throw new IllegalStateException("end() without start()");
      }
      pieces.add(new End<>());
      depth--;
      return this;
    }

    /** Markup that is kept exactly as it is, content and all. */
    public Builder<N> standalone(N code) {
      pieces.add(new Standalone<>(code));
      return this;
    }

    /** The text with placeholders numbered. */
    public PlaceholderText<N> build() {
      if (depth != 0) {
        throw new IllegalStateException(depth + " start() without end()");
      }
      Set<Integer> literal = new HashSet<>();
      StringBuilder plain = new StringBuilder();
      for (Piece<N> piece : pieces) {
        if (piece instanceof Text<N>(String text)) {
          plain.append(text);
          Matcher matcher = PLACEHOLDER.matcher(text);
          while (matcher.find()) {
            literal.add(Integer.parseInt(matcher.group(3)));
          }
        }
      }
      StringBuilder text = new StringBuilder();
      Map<Integer, Code<N>> codes = new LinkedHashMap<>();
      Deque<Integer> open = new ArrayDeque<>();
      int next = 0;
      for (Piece<N> piece : pieces) {
        switch (piece) {
          case Text<N>(String literalText) -> text.append(literalText);
          case Start<N>(N code) -> {
            next = unused(next, literal);
            codes.put(next, new Code<>(code, true, enclosing(open)));
            open.push(next);
            text.append("<g").append(next).append('>');
          }
          case Standalone<N>(N code) -> {
            next = unused(next, literal);
            codes.put(next, new Code<>(code, false, enclosing(open)));
            text.append("<x").append(next).append("/>");
          }
          case End<N>() -> text.append("</g").append(open.pop()).append('>');
        }
      }
      return new PlaceholderText<>(text.toString(), plain.toString(), codes, literal);
    }

    private static int enclosing(Deque<Integer> open) {
      return open.isEmpty() ? TOP : open.peek();
    }

    private static int unused(int previous, Set<Integer> literal) {
      int next = previous + 1;
      while (literal.contains(next)) {
        next++;
      }
      return next;
    }
  }

  private enum Kind {
    TEXT,
    START,
    END,
    STANDALONE
  }

  private record Token(Kind kind, int number, String text) {}

  private record Code<N>(N node, boolean paired, int parent) {}

  private sealed interface Piece<N> {}

  private record Text<N>(String text) implements Piece<N> {}

  private record Start<N>(N code) implements Piece<N> {}

  private record End<N>() implements Piece<N> {}

  private record Standalone<N>(N code) implements Piece<N> {}

  /** Merges text and puts a space before kept markup that would otherwise stick to a word. */
  private static final class Emitter<N> {
    private final Sink<N> sink;
    private final StringBuilder text = new StringBuilder();
    private boolean afterWord;

    Emitter(Sink<N> sink) {
      this.sink = sink;
    }

    void text(String more) {
      text.append(more);
      afterWord = !Character.isWhitespace(more.charAt(more.length() - 1));
    }

    void start(N code) {
      flush();
      sink.start(code);
      afterWord = false;
    }

    void end(N code) {
      flush();
      sink.end(code);
      afterWord = true;
    }

    void standalone(N code) {
      flush();
      sink.standalone(code);
      afterWord = true;
    }

    void keep(N code) {
      if (afterWord) {
        text.append(' ');
      }
      flush();
      sink.keep(code);
      afterWord = true;
    }

    void flush() {
      if (!text.isEmpty()) {
        sink.text(text.toString());
        text.setLength(0);
      }
    }
  }
}
