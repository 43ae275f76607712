package dev.translation.documents.office;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * A SpreadsheetML string item as a translatable text: a shared string ({@code si}) or a cell's
 * inline string ({@code is}), either plain ({@code t}) or rich text (runs {@code r}, each with its
 * font in {@code rPr}). Neighbouring runs formatted alike form one {@link TextSpan}. Replacing the
 * text drops the item's phonetic guides ({@code rPh}), which describe the source's characters.
 */
final class SpreadsheetStrings {

  static final String S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

  private SpreadsheetStrings() {}

  /** The text of {@code item}. */
  static SpannedText of(Element item) {
    List<Element> runs = Dom.children(item).stream().filter(e -> Dom.is(e, S, "r")).toList();
    if (runs.isEmpty()) {
      return new SpannedText(List.of(new PlainSpan(item)));
    }
    List<TextSpan> spans = new ArrayList<>();
    List<Element> current = new ArrayList<>();
    for (Element run : runs) {
      if (!current.isEmpty()
          && (Dom.nextElement(current.getLast()) != run
              || !Dom.sameProperties(
                  Dom.child(current.getLast(), S, "rPr"), Dom.child(run, S, "rPr")))) {
        spans.add(new RichSpan(item, current));
        current = new ArrayList<>();
      }
      current.add(run);
    }
    spans.add(new RichSpan(item, current));
    return new SpannedText(spans);
  }

  /** Removes the phonetic guides of {@code item}, which no longer fit its text. */
  static void dropPhoneticGuides(Element item) {
    for (Element child : Dom.children(item)) {
      if (Dom.is(child, S, "rPh")) {
        item.removeChild(child);
      }
    }
  }

  private static String text(Element parent) {
    Element t = Dom.child(parent, S, "t");
    return t == null ? "" : t.getTextContent();
  }

  private static void setText(Element parent, String text) {
    Element t = Dom.child(parent, S, "t");
    if (t == null) {
      t = Dom.create(parent, "t");
      parent.insertBefore(t, parent.getFirstChild());
    }
    Dom.setText(t, text);
  }

  /** The whole text of an item without runs. */
  private record PlainSpan(Element item) implements TextSpan {
    @Override
    public String text() {
      return SpreadsheetStrings.text(item);
    }

    @Override
    public void replace(String text) {
      setText(item, text);
    }
  }

  /** Runs side by side with the same font: the first keeps the text, the others go. */
  private record RichSpan(Element item, List<Element> runs) implements TextSpan {
    @Override
    public String text() {
      StringBuilder text = new StringBuilder();
      for (Element run : runs) {
        text.append(SpreadsheetStrings.text(run));
      }
      return text.toString();
    }

    @Override
    public void replace(String text) {
      setText(runs.getFirst(), text);
      for (Element run : runs.subList(1, runs.size())) {
        item.removeChild(run);
      }
    }
  }
}
