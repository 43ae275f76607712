package dev.translation.documents.markdown;

import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.markdown.Inline.Break;
import dev.translation.documents.markdown.Inline.Picture;
import dev.translation.documents.markdown.Inline.Span;
import dev.translation.documents.markdown.Inline.Verbatim;
import dev.translation.documents.markdown.Inline.Words;
import dev.translation.documents.markdown.InlineBlock.Html;
import dev.translation.documents.markdown.InlineBlock.Kind;
import dev.translation.documents.markdown.InlineBlock.Run;
import dev.translation.documents.markdown.InlineBlock.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;

/**
 * Turns a parsed Markdown document into its {@link InlineBlock}s and its texts: per run of inline
 * content, the run's text first, then the texts of the links, emphasis and images in it, outermost
 * first.
 *
 * <p>Positions come from commonmark's source spans. Inside table cells those count an escaped pipe
 * ({@code \|}) as one character, because the tables extension unescapes pipes before parsing the
 * cell; they are mapped back to the file's positions here.
 */
final class InlineReader {

  /** The text of a span or picture before {@link #number} numbers it, outermost first. */
  private static final int UNNUMBERED = Integer.MIN_VALUE;

  private final String content;
  private final int base;
  private final int maxTexts;
  private final int maxDepth;
  private final List<String> texts = new ArrayList<>();
  private final List<int[]> owned = new ArrayList<>();

  /** The first line of the current block whose line break no run has looked at yet. */
  private int nextLine;

  /** For the table cell being read: file offset of each of its parsed characters, else null. */
  private int[] cellOffsets;

  private int cellStart;

  /**
   * @param content the whole file's characters
   * @param base where the parsed part starts in {@code content} (after any front matter)
   */
  InlineReader(String content, int base, int maxTexts, int maxDepth) {
    this.content = content;
    this.base = base;
    this.maxTexts = maxTexts;
    this.maxDepth = maxDepth;
  }

  /** The document's texts, in the order {@link #read} numbered them. */
  List<String> texts() {
    return texts;
  }

  /**
   * The blocks with inline content, in document order.
   *
   * @throws DocumentTooLargeException when blocks nest deeper than allowed or there are too many
   *     texts
   */
  List<InlineBlock> read(Node document) {
    List<InlineBlock> blocks = new ArrayList<>();
    Node node = document.getFirstChild();
    int depth = 1;
    while (node != null) {
      if (depth > maxDepth) {
        throw new DocumentTooLargeException(
            "the Markdown nests blocks (lists, quotes) more than "
                + maxDepth
                + " levels deep, the most one document may");
      }
      InlineBlock block =
          switch (node) {
            case Paragraph paragraph -> paragraph(paragraph);
            case Heading heading -> heading(heading);
            case TableCell cell -> cell(cell);
            default -> null;
          };
      if (block != null) {
        blocks.add(block);
      }
      boolean hasInlines =
          node instanceof Paragraph || node instanceof Heading || node instanceof TableCell;
      if (!hasInlines && node.getFirstChild() != null) {
        node = node.getFirstChild();
        depth++;
        continue;
      }
      while (node != null && node.getNext() == null) {
        node = node.getParent();
        depth--;
      }
      node = node == null ? null : node.getNext();
    }
    return blocks;
  }

  private InlineBlock paragraph(Paragraph paragraph) {
    List<int[]> lines = lineSpans(paragraph.getSourceSpans());
    if (lines.isEmpty() || followsTable(paragraph)) {
      return null;
    }
    return block(Kind.PARAGRAPH, paragraph, lines);
  }

  /**
   * Whether a paragraph starts on the line right after a table. Only a line that ends the table (a
   * lone pipe) allows that; any other first line would make it a row of the table, so such a
   * paragraph is kept as written.
   */
  private static boolean followsTable(Paragraph paragraph) {
    if (!(paragraph.getPrevious() instanceof TableBlock table)
        || table.getSourceSpans().isEmpty()) {
      return false;
    }
    int tableEnd = table.getSourceSpans().getLast().getLineIndex();
    return paragraph.getSourceSpans().getFirst().getLineIndex() == tableEnd + 1;
  }

  private InlineBlock heading(Heading heading) {
    List<SourceSpan> spans = heading.getSourceSpans();
    if (spans.size() > 1) {
      // A setext heading: its text lines, then the underline.
      return block(Kind.SETEXT_HEADING, heading, lineSpans(spans.subList(0, spans.size() - 1)));
    }
    Node first = heading.getFirstChild();
    Node last = heading.getLastChild();
    if (first == null || !hasSpans(first) || !hasSpans(last)) {
      return null;
    }
    return block(Kind.ATX_HEADING, heading, List.of(new int[] {start(first), end(last)}));
  }

  private InlineBlock cell(TableCell cell) {
    if (!hasSpans(cell) || cell.getFirstChild() == null) {
      return null;
    }
    int start = start(cell);
    int end = end(cell);
    cellStart = cell.getSourceSpans().getFirst().getInputIndex();
    cellOffsets = cellOffsets(content.substring(start, end));
    try {
      return block(Kind.TABLE_CELL, cell, List.of(new int[] {start, end}));
    } finally {
      cellOffsets = null;
    }
  }

  /**
   * For each character of a cell as the tables extension hands it to the inline parser, where it
   * starts in the cell's source: {@code \|} is one character there, two here.
   */
  private static int[] cellOffsets(String source) {
    int[] offsets = new int[source.length() + 1];
    int parsed = 0;
    for (int i = 0; i < source.length(); i++) {
      offsets[parsed++] = i;
      if (source.charAt(i) == '\\' && i + 1 < source.length() && source.charAt(i + 1) == '|') {
        i++;
      }
    }
    offsets[parsed] = source.length();
    return Arrays.copyOf(offsets, parsed + 1);
  }

  private List<int[]> lineSpans(List<SourceSpan> spans) {
    List<int[]> lines = new ArrayList<>(spans.size());
    for (SourceSpan span : spans) {
      int start = base + span.getInputIndex();
      lines.add(new int[] {start, start + span.getLength()});
    }
    return lines;
  }

  private InlineBlock block(Kind kind, Node node, List<int[]> lines) {
    int start = skipWhiteSpace(lines.getFirst()[0], lines.getFirst()[1]);
    int end = trimWhiteSpace(lines.getLast()[0], lines.getLast()[1]);
    if (start >= end) {
      return null;
    }
    List<Segment> segments = new ArrayList<>();
    List<Node> run = new ArrayList<>();
    int runStart = start;
    nextLine = 0;
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof HtmlInline && hasSpans(child)) {
        addRun(segments, run, runStart, start(child), lines);
        segments.add(new Html(start(child), end(child)));
        runStart = end(child);
        run = new ArrayList<>();
      } else {
        run.add(child);
      }
    }
    addRun(segments, run, runStart, end, lines);
    return new InlineBlock(kind, start, end, List.copyOf(segments));
  }

  private void addRun(
      List<Segment> segments, List<Node> nodes, int start, int end, List<int[]> lines) {
    if (nodes.isEmpty() || start >= end) {
      return;
    }
    owned.clear();
    List<Inline> pieces = new ArrayList<>(nodes.size());
    for (Node node : nodes) {
      pieces.add(convert(node));
    }
    String text = Inline.visibleText(pieces).strip();
    int index = Inline.hasWords(pieces) ? add(text) : Inline.NO_TEXT;
    List<Inline> numbered = number(pieces, text);
    segments.add(new Run(start, end, numbered, index, joints(lines, start, end)));
  }

  /**
   * The source of each line break in {@code [start, end)} that is not inside kept markup. Runs come
   * in order, so each looks at the block's lines from where the one before stopped.
   */
  private List<String> joints(List<int[]> lines, int start, int end) {
    List<int[]> kept = ownedRanges();
    List<String> joints = new ArrayList<>();
    int range = 0;
    for (; nextLine + 1 < lines.size() && lines.get(nextLine)[1] < end; nextLine++) {
      int lineEnd = lines.get(nextLine)[1];
      while (range < kept.size() && kept.get(range)[1] <= lineEnd) {
        range++;
      }
      if (lineEnd < start || range < kept.size() && kept.get(range)[0] <= lineEnd) {
        continue;
      }
      int from = trimWhiteSpace(lines.get(nextLine)[0], lineEnd);
      if (from == lineEnd && endsInHardBreakBackslash(lines.get(nextLine)[0], lineEnd)) {
        from--;
      }
      int to = skipWhiteSpace(lines.get(nextLine + 1)[0], lines.get(nextLine + 1)[1]);
      joints.add(content.substring(from, to));
    }
    return List.copyOf(joints);
  }

  /** The ranges of the current run's kept markup, sorted and merged. */
  private List<int[]> ownedRanges() {
    owned.sort(Comparator.comparingInt(range -> range[0]));
    List<int[]> merged = new ArrayList<>(owned.size());
    for (int[] range : owned) {
      if (!merged.isEmpty() && range[0] <= merged.getLast()[1]) {
        merged.getLast()[1] = Math.max(merged.getLast()[1], range[1]);
      } else {
        merged.add(range.clone());
      }
    }
    return merged;
  }

  private boolean endsInHardBreakBackslash(int lineStart, int lineEnd) {
    int backslashes = 0;
    while (lineEnd - backslashes > lineStart && content.charAt(lineEnd - backslashes - 1) == '\\') {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  private Inline convert(Node node) {
    return switch (node) {
      case Text text -> new Words(text.getLiteral());
      case SoftLineBreak ignored -> new Break();
      case HardLineBreak ignored -> new Break();
      case Code code -> verbatim(node, code.getLiteral());
      case Emphasis ignored -> span(node, false);
      case StrongEmphasis ignored -> span(node, false);
      case Link link -> link(link);
      case Image image -> picture(image);
      default -> verbatim(node, readsAs(node));
    };
  }

  private Inline link(Link link) {
    if (!hasSpans(link) || content.charAt(start(link)) == '<') {
      // An autolink: its text is its destination.
      return verbatim(link, readsAs(link));
    }
    Node last = lastNonBreak(link);
    if (last == null || !hasSpans(last)) {
      return verbatim(link, readsAs(link));
    }
    return byLabel(link, last) ? verbatim(link, readsAs(link)) : span(link, true);
  }

  /**
   * Whether a link or image is written by its reference label ({@code [Handbuch]}, {@code
   * [Handbuch][]}): it stops being one when its text changes.
   */
  private boolean byLabel(Node linkOrImage, Node lastChild) {
    String close = content.substring(end(lastChild), end(linkOrImage));
    return !close.startsWith("](") && (!close.startsWith("][") || close.equals("][]"));
  }

  private Inline span(Node node, boolean link) {
    Node first = firstNonBreak(node);
    Node last = lastNonBreak(node);
    if (first == null
        || !hasSpans(node)
        || !hasSpans(first)
        || !hasSpans(last)
        || containsHtml(node)) {
      return verbatim(node, readsAs(node));
    }
    List<Inline> children = new ArrayList<>();
    for (Node child = first; child != last.getNext(); child = child.getNext()) {
      children.add(convert(child));
    }
    if (!Inline.hasWords(children) && children.stream().noneMatch(Picture.class::isInstance)) {
      return verbatim(node, Inline.visibleText(children));
    }
    owned.add(new int[] {start(node), start(first)});
    owned.add(new int[] {end(last), end(node)});
    return new Span(
        content.substring(start(node), start(first)),
        content.substring(end(last), end(node)),
        List.copyOf(children),
        link,
        UNNUMBERED);
  }

  private Inline picture(Image image) {
    String alt = readsAs(image).replace('\n', ' ').strip();
    Node first = firstNonBreak(image);
    Node last = lastNonBreak(image);
    if (alt.isEmpty()
        || first == null
        || !hasSpans(first)
        || !hasSpans(last)
        || containsLinkOrImage(image)
        || byLabel(image, last)) {
      // A link inside a description is no link to readers; such an image is kept as written.
      return verbatim(image, "");
    }
    owned.add(new int[] {start(image), end(image)});
    return new Picture(
        content.substring(start(image), start(first)),
        content.substring(end(last), end(image)),
        alt,
        UNNUMBERED);
  }

  private Inline verbatim(Node node, String readsAs) {
    if (!hasSpans(node)) {
      return new Words(readsAs);
    }
    owned.add(new int[] {start(node), end(node)});
    return new Verbatim(readsAs.replace('\n', ' '), content.substring(start(node), end(node)));
  }

  /** Numbers the texts of spans and pictures, outermost first. */
  private List<Inline> number(List<Inline> pieces, String enclosing) {
    List<Inline> numbered = new ArrayList<>(pieces.size());
    for (Inline piece : pieces) {
      switch (piece) {
        case Span span -> {
          String text = Inline.visibleText(span.children()).strip();
          boolean words = Inline.hasWords(span.children());
          int own = words && !text.equals(enclosing) ? add(text) : Inline.NO_TEXT;
          numbered.add(span.withText(number(span.children(), words ? text : enclosing), own));
        }
        case Picture picture ->
            numbered.add(
                new Picture(picture.open(), picture.close(), picture.alt(), add(picture.alt())));
        default -> numbered.add(piece);
      }
    }
    return List.copyOf(numbered);
  }

  private int add(String text) {
    if (texts.size() == maxTexts) {
      throw new DocumentTooLargeException(
          "the Markdown has more than "
              + maxTexts
              + " texts (paragraphs, headings, table cells, link and image texts), the most one"
              + " document may hold");
    }
    texts.add(text);
    return texts.size() - 1;
  }

  /** What a node reads as: its text and code, without markup. */
  private static String readsAs(Node node) {
    StringBuilder text = new StringBuilder();
    appendReadsAs(node, text);
    return text.toString();
  }

  private static void appendReadsAs(Node node, StringBuilder text) {
    switch (node) {
      case Text t -> text.append(t.getLiteral());
      case Code code -> text.append(code.getLiteral());
      case SoftLineBreak ignored -> text.append('\n');
      case HardLineBreak ignored -> text.append('\n');
      default -> {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
          appendReadsAs(child, text);
        }
      }
    }
  }

  private static boolean containsLinkOrImage(Node node) {
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof Link || child instanceof Image || containsLinkOrImage(child)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsHtml(Node node) {
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof HtmlInline || containsHtml(child)) {
        return true;
      }
    }
    return false;
  }

  private static Node firstNonBreak(Node node) {
    Node child = node.getFirstChild();
    while (child != null && isBreak(child)) {
      child = child.getNext();
    }
    return child;
  }

  private static Node lastNonBreak(Node node) {
    Node child = node.getLastChild();
    while (child != null && isBreak(child)) {
      child = child.getPrevious();
    }
    return child;
  }

  private static boolean isBreak(Node node) {
    return node instanceof SoftLineBreak || node instanceof HardLineBreak;
  }

  private static boolean hasSpans(Node node) {
    return !node.getSourceSpans().isEmpty();
  }

  private int start(Node node) {
    return position(node.getSourceSpans().getFirst().getInputIndex());
  }

  private int end(Node node) {
    SourceSpan last = node.getSourceSpans().getLast();
    return position(last.getInputIndex() + last.getLength());
  }

  /** A parsed position as a position in the file's content. */
  private int position(int parsed) {
    if (cellOffsets != null) {
      int offset = parsed - cellStart;
      if (offset >= 0 && offset < cellOffsets.length) {
        return base + cellStart + cellOffsets[offset];
      }
    }
    return base + parsed;
  }

  private int skipWhiteSpace(int from, int to) {
    while (from < to && isBlank(content.charAt(from))) {
      from++;
    }
    return from;
  }

  private int trimWhiteSpace(int from, int to) {
    while (to > from && isBlank(content.charAt(to - 1))) {
      to--;
    }
    return to;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
