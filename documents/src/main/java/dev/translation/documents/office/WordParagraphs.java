package dev.translation.documents.office;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The paragraphs of one WordprocessingML part (the body, a header, a footer, the footnotes or the
 * endnotes) as translatable texts, in document order: body paragraphs, table cells at any nesting,
 * content controls, text boxes (each text box paragraph is a text of its own, listed after the
 * paragraph it is anchored in) and the display text of hyperlinks.
 *
 * <p>A paragraph's text is the text of its runs: {@code w:t}, with {@code w:tab} as a tab and
 * {@code w:br}/{@code w:cr} as a line break. Left out, and so kept as they are: deleted revisions,
 * field codes and the results fields compute (page numbers, dates, cross-references, tables of
 * contents; Word recomputes them from the translated document), except the display text of a {@code
 * HYPERLINK} field. Everything around the runs (paragraph properties, numbering, styles, bookmarks,
 * images, footnote references) is never touched.
 *
 * <p>Neighbouring runs formatted alike form one {@link TextSpan}; a text box's second rendering for
 * older readers ({@code mc:Fallback}) is translated along with its first.
 */
final class WordParagraphs {

  static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

  private WordParagraphs() {}

  /** The non-blank paragraphs of {@code part}. */
  static List<SpannedText> of(Document part) {
    Map<Element, List<Element>> runsByParagraph = textRuns(part);
    Map<Element, SpannedText> texts = new LinkedHashMap<>();
    List<Element> fallbacks = new ArrayList<>();
    for (var entry : runsByParagraph.entrySet()) {
      if (Dom.inFallback(entry.getKey())) {
        fallbacks.add(entry.getKey());
        continue;
      }
      SpannedText text = new SpannedText(spans(entry.getValue()));
      if (!text.text().isBlank()) {
        texts.put(entry.getKey(), text);
      }
    }
    for (Element fallback : fallbacks) {
      SpannedText primary = texts.get(Dom.choiceTwin(fallback));
      SpannedText copy = new SpannedText(spans(runsByParagraph.get(fallback)));
      if (primary != null && copy.text().equals(primary.text())) {
        primary.alsoReplace(copy);
      }
    }
    return List.copyOf(texts.values());
  }

  /** Every paragraph of the part in document order, with the runs whose text it translates. */
  private static Map<Element, List<Element>> textRuns(Document part) {
    Map<Element, List<Element>> runs = new LinkedHashMap<>();
    Deque<Field> fields = new ArrayDeque<>();
    for (Element element : Dom.descendants(part.getDocumentElement())) {
      if (!W.equals(element.getNamespaceURI())) {
        continue;
      }
      if (element.getLocalName().equals("p")) {
        runs.put(element, new ArrayList<>());
      } else if (element.getLocalName().equals("r")) {
        Element paragraph = Dom.ancestor(element, W, "p");
        if (paragraph == null || isDeleted(element)) {
          continue;
        }
        // Fallback renderings repeat the fields of their choice; count each field once.
        boolean readable = fields.stream().allMatch(Field::showsLinkText);
        if (!Dom.inFallback(element)) {
          track(element, fields);
        }
        if (readable && hasText(element) && !inComputedSimpleField(element)) {
          runs.computeIfAbsent(paragraph, p -> new ArrayList<>()).add(element);
        }
      }
    }
    return runs;
  }

  /** Runs side by side with the same properties, each as one span. */
  private static List<TextSpan> spans(List<Element> runs) {
    List<TextSpan> spans = new ArrayList<>();
    List<Element> current = new ArrayList<>();
    for (Element run : runs) {
      if (!current.isEmpty() && !continues(current.getLast(), run)) {
        spans.add(new RunSpan(current));
        current = new ArrayList<>();
      }
      current.add(run);
    }
    if (!current.isEmpty()) {
      spans.add(new RunSpan(current));
    }
    return spans;
  }

  /**
   * Whether {@code next} directly follows {@code run} (spell-check marks aside), formatted alike.
   */
  private static boolean continues(Element run, Element next) {
    Element sibling = Dom.nextElement(run);
    while (Dom.is(sibling, W, "proofErr")) {
      sibling = Dom.nextElement(sibling);
    }
    return sibling == next
        && Dom.sameProperties(Dom.child(run, W, "rPr"), Dom.child(next, W, "rPr"));
  }

  private static boolean isDeleted(Element run) {
    return Dom.ancestor(run, W, "del") != null || Dom.ancestor(run, W, "moveFrom") != null;
  }

  private static boolean inComputedSimpleField(Element run) {
    for (Node up = run.getParentNode();
        up != null && !Dom.is(up, W, "p");
        up = up.getParentNode()) {
      if (Dom.is(up, W, "fldSimple") && !isHyperlink(((Element) up).getAttributeNS(W, "instr"))) {
        return true;
      }
    }
    return false;
  }

  /** Follows the complex fields ({@code w:fldChar} begin, separate, end) a run opens or closes. */
  private static void track(Element run, Deque<Field> fields) {
    for (Element child : Dom.children(run)) {
      if (Dom.is(child, W, "fldChar")) {
        switch (child.getAttributeNS(W, "fldCharType")) {
          case "begin" -> fields.push(new Field());
          case "separate" -> {
            if (!fields.isEmpty()) {
              fields.peek().showingResult = true;
            }
          }
          case "end" -> fields.poll();
          default -> {
            // No other kinds exist.
          }
        }
      } else if (Dom.is(child, W, "instrText") && !fields.isEmpty()) {
        fields.peek().instruction.append(child.getTextContent());
      }
    }
  }

  private static boolean hasText(Element run) {
    for (Element child : Dom.children(run)) {
      if (isText(child)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code child} of a run is part of its text. */
  private static boolean isText(Element child) {
    if (!W.equals(child.getNamespaceURI())) {
      return false;
    }
    return switch (child.getLocalName()) {
      case "t", "tab", "cr", "noBreakHyphen", "softHyphen" -> true;
      case "br" -> isLineBreak(child);
      default -> false;
    };
  }

  /** A text-wrapping break; page and column breaks are layout and stay where they are. */
  private static boolean isLineBreak(Element br) {
    String type = br.getAttributeNS(W, "type");
    return type.isEmpty() || type.equals("textWrapping");
  }

  private static String text(Element run) {
    StringBuilder text = new StringBuilder();
    for (Element child : Dom.children(run)) {
      if (!isText(child)) {
        continue;
      }
      switch (child.getLocalName()) {
        case "t" -> text.append(child.getTextContent());
        case "tab" -> text.append('\t');
        case "br", "cr" -> text.append('\n');
        case "noBreakHyphen" -> text.append('\u2011');
        default -> {
          // A soft hyphen is a hint where to break a word; the word reads without it.
        }
      }
    }
    return text.toString();
  }

  /**
   * Writes {@code text} into {@code run} where its text was, tabs and line breaks as elements;
   * removes the run if it held only text and {@code text} is empty.
   */
  private static void setText(Element run, String text) {
    List<Element> old = Dom.children(run).stream().filter(WordParagraphs::isText).toList();
    Node anchor = old.isEmpty() ? null : old.getFirst();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\t' || text.charAt(i) == '\n') {
        if (i > start) {
          Element t = Dom.create(run, "t");
          Dom.setText(t, text.substring(start, i));
          run.insertBefore(t, anchor);
        }
        if (i < text.length()) {
          run.insertBefore(Dom.create(run, text.charAt(i) == '\t' ? "tab" : "br"), anchor);
        }
        start = i + 1;
      }
    }
    for (Element element : old) {
      run.removeChild(element);
    }
    boolean onlyProperties = Dom.children(run).stream().allMatch(child -> Dom.is(child, W, "rPr"));
    if (onlyProperties && run.getParentNode() != null) {
      run.getParentNode().removeChild(run);
    }
  }

  private static boolean isHyperlink(String instruction) {
    return instruction.strip().toUpperCase(Locale.ROOT).startsWith("HYPERLINK");
  }

  /** A complex field being read: its instruction so far, and whether its result has begun. */
  private static final class Field {
    final StringBuilder instruction = new StringBuilder();
    boolean showingResult;

    /** Whether the text now read is the display text of a hyperlink, which is translated. */
    boolean showsLinkText() {
      return showingResult && isHyperlink(instruction.toString());
    }
  }

  /**
   * Neighbouring runs formatted alike: the first takes the span's text, the others give theirs up.
   */
  private record RunSpan(List<Element> runs) implements TextSpan {

    @Override
    public String text() {
      StringBuilder text = new StringBuilder();
      for (Element run : runs) {
        text.append(WordParagraphs.text(run));
      }
      return text.toString();
    }

    @Override
    public void replace(String text) {
      setText(runs.getFirst(), text);
      for (Element run : runs.subList(1, runs.size())) {
        setText(run, "");
      }
    }
  }
}
