package dev.translation.documents.html;

import dev.translation.documents.inline.PlaceholderText;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/** One translatable text of an HTML document, and how its translation goes back in its place. */
sealed interface HtmlText {

  /** The text to translate; inline markup in it is replaced by placeholders. */
  String text();

  /** Puts {@code translation} where the text was. */
  void replaceWith(String translation);

  /**
   * A run of inline content: text and inline elements between two block boundaries of one element.
   * Whitespace inside is collapsed as a browser shows it; the whitespace around the run is kept.
   *
   * @param nodes the sibling nodes the text spans, first to last
   * @param lineBreaks the {@code <br>} elements that stand as line breaks in the text, in order
   */
  record InlineRun(
      List<Node> nodes,
      PlaceholderText<Node> content,
      String lead,
      String trail,
      List<Element> lineBreaks)
      implements HtmlText {

    @Override
    public String text() {
      return content.text();
    }

    @Override
    public void replaceWith(String translation) {
      Element parent = (Element) nodes.getFirst().parent();
      int index = nodes.getFirst().siblingIndex();
      nodes.forEach(Node::remove);
      List<Node> replacement = new ArrayList<>();
      if (!lead.isEmpty()) {
        replacement.add(new TextNode(lead));
      }
      NodeSink sink = new NodeSink(replacement, lineBreaks);
      content.restore(translation, sink);
      sink.keepUnusedLineBreaks();
      if (!trail.isEmpty()) {
        replacement.add(new TextNode(trail));
      }
      parent.insertChildren(index, replacement);
    }
  }

  /** An attribute people read, such as {@code alt} or {@code title}. */
  record AttributeValue(Element element, String key, String text) implements HtmlText {

    @Override
    public void replaceWith(String translation) {
      element.attr(key, translation);
    }
  }

  /**
   * Rebuilds a run from a restored translation, reusing the original nodes: inline elements keep
   * their attributes and identity, kept elements (scripts, images, code) come back untouched, and
   * each line break of the translation is the next {@code <br>} of the source.
   */
  final class NodeSink implements PlaceholderText.Sink<Node> {
    private final List<Node> top;
    private final Deque<Element> open = new ArrayDeque<>();
    private final Deque<Element> lineBreaks;

    NodeSink(List<Node> top, List<Element> lineBreaks) {
      this.top = top;
      this.lineBreaks = new ArrayDeque<>(lineBreaks);
    }

    @Override
    public void text(String text) {
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) {
          // A line the source did not have (not from this pipeline's engine) becomes a space.
          append(lineBreaks.isEmpty() ? new TextNode(" ") : lineBreaks.removeFirst());
        }
        if (!lines[i].isEmpty()) {
          append(new TextNode(lines[i]));
        }
      }
    }

    @Override
    public void start(Node code) {
      Element element = (Element) code;
      element.empty();
      append(element);
      open.push(element);
    }

    @Override
    public void end(Node code) {
      open.pop();
    }

    @Override
    public void standalone(Node code) {
      append(code);
    }

    @Override
    public void keep(Node code) {
      append(code);
    }

    /** Line breaks the translation lost stay at the end, so no {@code <br>} is dropped. */
    void keepUnusedLineBreaks() {
      while (!lineBreaks.isEmpty()) {
        append(lineBreaks.removeFirst());
      }
    }

    private void append(Node node) {
      if (open.isEmpty()) {
        node.remove();
        top.add(node);
      } else {
        open.peek().appendChild(node);
      }
    }
  }
}
