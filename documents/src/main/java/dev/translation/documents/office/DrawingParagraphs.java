package dev.translation.documents.office;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The DrawingML paragraphs ({@code a:p}) of one part as translatable texts, in document order:
 * every text body of a slide or notes page, whether in a shape, a placeholder, a table cell or a
 * group of shapes.
 *
 * <p>A paragraph's text is its runs' {@code a:t} with each {@code a:br} as a line break. Fields
 * ({@code a:fld}: slide numbers, dates) are left out and kept, since PowerPoint fills them in
 * itself. Neighbouring runs formatted alike form one {@link TextSpan}; a line break in a span's
 * translation becomes an {@code a:br} between two runs formatted like the span.
 */
final class DrawingParagraphs {

  static final String A = "http://schemas.openxmlformats.org/drawingml/2006/main";

  private DrawingParagraphs() {}

  /** The non-blank paragraphs of {@code part}. */
  static List<SpannedText> of(Document part) {
    Map<Element, SpannedText> texts = new LinkedHashMap<>();
    List<Element> fallbacks = new ArrayList<>();
    for (Element paragraph : Dom.descendants(part.getDocumentElement(), A, "p")) {
      if (Dom.inFallback(paragraph)) {
        fallbacks.add(paragraph);
        continue;
      }
      SpannedText text = new SpannedText(spans(paragraph));
      if (!text.text().isBlank()) {
        texts.put(paragraph, text);
      }
    }
    for (Element fallback : fallbacks) {
      SpannedText primary = texts.get(Dom.choiceTwin(fallback));
      SpannedText copy = new SpannedText(spans(fallback));
      if (primary != null && copy.text().equals(primary.text())) {
        primary.alsoReplace(copy);
      }
    }
    return List.copyOf(texts.values());
  }

  /** The paragraph's runs and line breaks, cut where the formatting changes or a field stands. */
  private static List<TextSpan> spans(Element paragraph) {
    List<TextSpan> spans = new ArrayList<>();
    List<Element> current = null;
    Element currentRun = null;
    for (Element child : Dom.children(paragraph)) {
      boolean run = Dom.is(child, A, "r");
      boolean lineBreak = Dom.is(child, A, "br");
      if (!run && !lineBreak) {
        current = null;
        continue;
      }
      boolean continues =
          current != null
              && (lineBreak
                  || currentRun == null
                  || Dom.sameProperties(
                      Dom.child(currentRun, A, "rPr"), Dom.child(child, A, "rPr")));
      if (!continues) {
        current = new ArrayList<>();
        spans.add(new RunSpan(paragraph, current));
        currentRun = null;
      }
      current.add(child);
      if (run) {
        currentRun = child;
      }
    }
    return spans;
  }

  /** Runs and line breaks side by side, formatted alike. */
  private record RunSpan(Element paragraph, List<Element> nodes) implements TextSpan {

    @Override
    public String text() {
      StringBuilder text = new StringBuilder();
      for (Element node : nodes) {
        if (Dom.is(node, A, "br")) {
          text.append('\n');
        } else {
          Element t = Dom.child(node, A, "t");
          text.append(t == null ? "" : t.getTextContent());
        }
      }
      return text.toString();
    }

    @Override
    public void replace(String text) {
      Element template =
          nodes.stream().filter(node -> Dom.is(node, A, "r")).findFirst().orElse(null);
      Element properties = template == null ? null : Dom.child(template, A, "rPr");
      Node before = nodes.getFirst();
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) {
          Element lineBreak = Dom.create(paragraph, "br");
          if (properties != null) {
            lineBreak.appendChild(properties.cloneNode(true));
          }
          paragraph.insertBefore(lineBreak, before);
        }
        if (!lines[i].isEmpty()) {
          Element run = Dom.create(paragraph, "r");
          if (properties != null) {
            run.appendChild(properties.cloneNode(true));
          }
          Element t = Dom.create(paragraph, "t");
          t.setTextContent(OfficeXml.xmlSafe(lines[i]));
          run.appendChild(t);
          paragraph.insertBefore(run, before);
        }
      }
      for (Element node : nodes) {
        paragraph.removeChild(node);
      }
    }
  }
}
