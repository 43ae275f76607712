package dev.translation.documents.markdown;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Block;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * What a translation must not change in a Markdown document, as commonmark-java parses it: every
 * block with its kind and attributes, and in each the code, HTML, links and images with their
 * destinations and titles. Words, emphasis (which a translation may drop where it cannot place it)
 * and where lines break are left out.
 */
public final class MarkdownStructure {

  private static final Parser PARSER =
      Parser.builder().extensions(List.of(TablesExtension.create())).build();

  private MarkdownStructure() {}

  /**
   * One line per block, indented by depth, with the inline code, HTML, links and images in it
   * sorted: markup a translation could not place moves to the end of its paragraph.
   */
  public static String of(String markdown) {
    int body = MarkdownHandler.frontMatterEnd(markdown);
    StringBuilder structure = new StringBuilder("front matter: ").append(markdown, 0, body);
    append(PARSER.parse(markdown.substring(body)), 0, structure);
    return structure.toString();
  }

  private static void append(Node node, int depth, StringBuilder structure) {
    structure.append('\n').append("  ".repeat(depth)).append(describe(node));
    List<String> inlines = new ArrayList<>();
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      if (child instanceof Block
          || child instanceof TableHead
          || child instanceof TableBody
          || child instanceof TableRow
          || child instanceof TableCell) {
        append(child, depth + 1, structure);
      } else {
        collectInlines(child, inlines);
      }
    }
    inlines.sort(null);
    inlines.forEach(inline -> structure.append(" [").append(inline).append(']'));
  }

  private static void collectInlines(Node node, List<String> inlines) {
    if (!(node instanceof Text
        || node instanceof Emphasis
        || node instanceof StrongEmphasis
        || node instanceof SoftLineBreak
        || node instanceof HardLineBreak)) {
      inlines.add(describe(node));
    }
    for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
      collectInlines(child, inlines);
    }
  }

  private static String describe(Node node) {
    String kind = node.getClass().getSimpleName();
    return switch (node) {
      case Heading heading -> kind + " " + heading.getLevel();
      case FencedCodeBlock code ->
          kind
              + " "
              + code.getFenceCharacter()
              + code.getOpeningFenceLength()
              + " "
              + code.getInfo()
              + " "
              + code.getLiteral();
      case IndentedCodeBlock code -> kind + " " + code.getLiteral();
      case HtmlBlock html -> kind + " " + html.getLiteral();
      case HtmlInline html -> kind + " " + html.getLiteral();
      case Code code -> kind + " " + code.getLiteral();
      case Link link -> kind + " " + link.getDestination() + " " + link.getTitle();
      case Image image -> kind + " " + image.getDestination() + " " + image.getTitle();
      case OrderedList list ->
          kind + " " + list.getMarkerStartNumber() + list.getMarkerDelimiter() + tight(list);
      case BulletList list -> kind + " " + list.getMarker() + tight(list);
      case LinkReferenceDefinition definition ->
          kind
              + " "
              + definition.getLabel()
              + " "
              + definition.getDestination()
              + " "
              + definition.getTitle();
      case TableCell cell -> kind + " " + cell.getAlignment() + (cell.isHeader() ? " header" : "");
      default -> kind;
    };
  }

  private static String tight(ListBlock list) {
    return list.isTight() ? " tight" : " loose";
  }
}
