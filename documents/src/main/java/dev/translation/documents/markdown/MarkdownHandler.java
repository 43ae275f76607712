package dev.translation.documents.markdown;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.FormatHandler;
import dev.translation.documents.TextTranslation;
import dev.translation.documents.text.TextFile;
import java.util.List;
import java.util.Objects;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Markdown: CommonMark with GFM tables, parsed by commonmark-java. Only the words of paragraphs,
 * headings, list items, table cells, link texts and image descriptions change; the file is
 * rewritten by replacing those ranges of the source (found through the parser's source spans), so
 * everything else stays byte for byte: YAML front matter (a leading {@code ---} block), code blocks
 * and code spans, HTML blocks and inline HTML, link destinations and titles, reference definitions,
 * list, quote and heading markers, table pipes and alignment, line separators.
 *
 * <h2>Texts</h2>
 *
 * A paragraph (or heading, or table cell) is one text: what it reads as, markup left out, code
 * spans and autolinks included as written, soft and hard line breaks as line feeds. The sentence
 * stays whole, which is what the translation model needs. Inline HTML tags cut a paragraph into
 * separate texts (they usually stand between units: {@code <br>}, {@code <kbd>Strg</kbd>}), and
 * stay where they are. Each link, emphasis and image inside a paragraph has a text of its own as
 * well, after the paragraph's: its words (an image's alternative text), unless they are all of the
 * paragraph's words.
 *
 * <h2>Putting inline markup back</h2>
 *
 * A translation does not say which of its words came from which source words, so markup is put back
 * by finding words. Emphasis, strong emphasis and links go around their own translation where the
 * paragraph's translation has it (ignoring case, whole words only), else around their source words
 * where the translation kept them (names, numbers), searched in order. Code spans and autolinks
 * replace their own text in the translation. What cannot be found:
 *
 * <ul>
 *   <li>emphasis is dropped, since its words are in the translation anyway;
 *   <li>a link, code span or autolink goes after the translation (before it, when nothing came
 *       before it in the source), a link with its own translation as its text: a link is never lost
 *       with its destination;
 *   <li>images always go there, with their translated description, as they are not part of the
 *       sentence.
 * </ul>
 *
 * Links and images written by their reference label ({@code [Handbuch]}, {@code [Handbuch][]}) are
 * kept as they are, since a translated label would no longer find its definition, and so are images
 * with a link in their description. Translated words are escaped, so they never become markup:
 * re-parsing the result gives the same blocks, code, links and images. A paragraph that starts on
 * the line right after a table (which only a line holding a lone pipe allows) is kept as written,
 * as any other first line would join the table.
 *
 * <p>A translation with as many lines as its paragraph puts each line break where the source had
 * one, with its quote markers, indentation and hard break; extra lines join with spaces, blank
 * lines are dropped. A run whose texts all come back unchanged (or blank) is kept as written.
 *
 * <p>Blocks nested deeper than {@link DocumentLimits#maxNestingDepth()} are refused; inline markup
 * nested more than 100 deep is read as text, as commonmark-java's own guard does.
 */
public final class MarkdownHandler implements FormatHandler {

  private final DocumentLimits limits;
  private final Parser parser;

  /**
   * @param limits what one document may hold: texts (paragraphs, cells, link texts and the like,
   *     and table cells per table) and how deep blocks may nest
   */
  public MarkdownHandler(DocumentLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.parser =
        Parser.builder()
            .extensions(List.of(TablesExtension.builder().maxCells(limits.maxTexts()).build()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
            // One more than allowed, so that going deeper shows as depth instead of being read as
            // text without a word.
            .maxOpenBlockParsers(limits.maxNestingDepth() + 1)
            .build();
  }

  @Override
  public DocumentFormat format() {
    return DocumentFormat.MARKDOWN;
  }

  @Override
  public List<String> texts(byte[] document) {
    return read(TextFile.read(document).content()).texts();
  }

  @Override
  public byte[] translate(byte[] document, List<TextTranslation> translations) {
    TextFile file = TextFile.read(document);
    String content = file.content();
    Reading reading = read(content);
    if (translations.size() != reading.texts().size()) {
      throw new IllegalArgumentException(
          "expected " + reading.texts().size() + " translations, got " + translations.size());
    }
    InlineWriter writer = new InlineWriter(content, reading.texts(), translations);
    StringBuilder out = new StringBuilder(content.length() + content.length() / 4);
    int copied = 0;
    for (InlineBlock block : reading.blocks()) {
      if (writer.changes(block)) {
        out.append(content, copied, block.start()).append(writer.write(block));
        copied = block.end();
      }
    }
    out.append(content, copied, content.length());
    return file.encode(out.toString());
  }

  private Reading read(String content) {
    int body = frontMatterEnd(content);
    Node document;
    try {
      document = parser.parse(content.substring(body));
    } catch (IllegalArgumentException tooManyCells) {
      // The one refusal commonmark-java's parser throws: a table beyond the extension's maxCells.
      throw new DocumentTooLargeException(
          "a table has more than " + limits.maxTexts() + " cells, the most one document may hold");
    }
    InlineReader reader =
        new InlineReader(content, body, limits.maxTexts(), limits.maxNestingDepth());
    List<InlineBlock> blocks = reader.read(document);
    return new Reading(blocks, List.copyOf(reader.texts()));
  }

  /**
   * Where the YAML front matter ends: a first line {@code ---}, up to and including the next line
   * that is {@code ---} or {@code ...}; 0 when the file has none.
   */
  static int frontMatterEnd(String content) {
    int lineEnd = lineEnd(content, 0);
    if (!content.substring(0, lineEnd).stripTrailing().equals("---")) {
      return 0;
    }
    for (int start = nextLine(content, lineEnd); start < content.length(); ) {
      int end = lineEnd(content, start);
      String line = content.substring(start, end).stripTrailing();
      if (line.equals("---") || line.equals("...")) {
        return nextLine(content, end);
      }
      start = nextLine(content, end);
    }
    return 0;
  }

  private static int lineEnd(String content, int from) {
    int end = from;
    while (end < content.length() && content.charAt(end) != '\n' && content.charAt(end) != '\r') {
      end++;
    }
    return end;
  }

  private static int nextLine(String content, int lineEnd) {
    if (lineEnd >= content.length()) {
      return content.length();
    }
    return content.startsWith("\r\n", lineEnd) ? lineEnd + 2 : lineEnd + 1;
  }

  private record Reading(List<InlineBlock> blocks, List<String> texts) {}
}
