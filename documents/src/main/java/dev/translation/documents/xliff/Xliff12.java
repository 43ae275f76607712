package dev.translation.documents.xliff;

import static dev.translation.documents.xliff.XliffDom.is;

import dev.translation.documents.TextTranslation;
import dev.translation.documents.inline.PlaceholderText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * XLIFF 1.2 (and 1.0/1.1): each {@code <trans-unit>}'s {@code <source>} is a text, translated into
 * its {@code <target>}. Where a {@code <seg-source>} cuts the source into {@code <mrk mtype="seg">}
 * segments, each segment is a text and the target repeats that segmentation, as the specification
 * asks.
 *
 * <p>Inline codes: {@code <g>} and {@code <mrk>} enclose text and are translated with it; {@code
 * <x/>}, {@code <bx/>}, {@code <ex/>}, {@code <ph>}, {@code <bpt>}, {@code <ept>}, {@code <it>} and
 * a protected {@code <mrk>} are copied as they are.
 *
 * <p>States: a complete translation gets {@code state="translated"}; one where some sentences
 * failed (and stand in German) gets {@code state="needs-review-translation"}, the 1.2 value for
 * text that a person has to look at, rather than {@code needs-translation}, which tools read as
 * "nothing usable here". Both get {@code state-qualifier="mt-suggestion"}: the text is machine
 * translation. Units marked {@code translate="no"} (on them or a group around them), {@code
 * approved="yes"}, or whose target is {@code final} or {@code signed-off} are left as they are.
 */
final class Xliff12 {

  private static final Set<String> SIGNED_OFF = Set.of("final", "signed-off");

  private final String ns;
  private final XliffUnits units;

  private Xliff12(String ns, XliffUnits units) {
    this.ns = ns;
    this.units = units;
  }

  /** Adds the units of the file whose root is {@code root} to {@code units}. */
  static void findUnits(Element root, XliffUnits units) {
    Xliff12 reader = new Xliff12(root.getNamespaceURI(), units);
    for (Element file : XliffDom.childElements(root)) {
      if (is(file, reader.ns, "file")) {
        XliffDom.checkLanguages(
            file.getAttribute("source-language"), file.getAttribute("target-language"));
        reader.visit(file, file, true);
      }
    }
  }

  /** Walks {@code <body>} and {@code <group>}s; recursion is bounded by the nesting limit. */
  private void visit(Element parent, Element file, boolean translatable) {
    for (Element child : XliffDom.childElements(parent)) {
      boolean here = translatable && !XliffDom.isNo(child.getAttribute("translate"));
      if (is(child, ns, "trans-unit")) {
        if (here && !child.getAttribute("approved").equals("yes")) {
          addUnit(child, file);
        }
      } else if (is(child, ns, "body") || is(child, ns, "group")) {
        visit(child, file, here);
      }
    }
  }

  private void addUnit(Element unit, Element file) {
    Element source = XliffDom.source(unit, ns);
    Element target = XliffDom.child(unit, ns, "target");
    if (target != null && SIGNED_OFF.contains(target.getAttribute("state"))) {
      return;
    }
    Element segSource = XliffDom.child(unit, ns, "seg-source");
    List<Element> segments = segSource == null ? List.of() : segments(segSource);
    List<Element> texts = new ArrayList<>();
    List<PlaceholderText<Node>> contents = new ArrayList<>();
    for (Element container : segments.isEmpty() ? List.of(source) : segments) {
      PlaceholderText<Node> content = XliffDom.read(container, this::isPaired);
      if (XliffDom.hasLetter(content.plainText())) {
        texts.add(container);
        contents.add(content);
      }
    }
    if (!texts.isEmpty()) {
      units.add(
          segments.isEmpty()
              ? new TransUnit(unit, file, source, false, texts, contents)
              : new TransUnit(unit, file, segSource, true, texts, contents));
    }
  }

  /** The {@code <mrk mtype="seg">} children of a {@code <seg-source>}. */
  private List<Element> segments(Element segSource) {
    List<Element> segments = new ArrayList<>();
    for (Element child : XliffDom.childElements(segSource)) {
      if (is(child, ns, "mrk") && child.getAttribute("mtype").equals("seg")) {
        segments.add(child);
      }
    }
    return segments;
  }

  private boolean isPaired(Element code) {
    return is(code, ns, "g")
        || is(code, ns, "mrk") && !code.getAttribute("mtype").equals("protected");
  }

  /**
   * One {@code <trans-unit>}.
   *
   * @param origin the {@code <source>}, or the {@code <seg-source>} whose segments are the texts
   * @param segmented whether the origin is a {@code <seg-source>}
   * @param containers the elements whose content is a text: the source, or segments with letters
   */
  private record TransUnit(
      Element unit,
      Element file,
      Element origin,
      boolean segmented,
      List<Element> containers,
      List<PlaceholderText<Node>> contents)
      implements XliffUnit {

    @Override
    public List<PlaceholderText<Node>> texts() {
      return contents;
    }

    @Override
    public void writeTarget(List<TextTranslation> translations) {
      String ns = unit.getNamespaceURI();
      if (file.getAttribute("target-language").isBlank()) {
        file.setAttribute("target-language", "en");
      }
      Element target = XliffDom.emptyTarget(unit, ns, origin);
      if (!target.hasAttributeNS(XMLConstants.XML_NS_URI, "lang")) {
        XliffDom.setLanguage(target, file.getAttribute("target-language"));
      }
      if (segmented) {
        writeSegments(translations, target);
      } else {
        XliffDom.write(contents.getFirst(), translations.getFirst().text(), target);
      }
      boolean complete = translations.stream().allMatch(TextTranslation::complete);
      target.setAttribute("state", complete ? "translated" : "needs-review-translation");
      target.setAttribute("state-qualifier", "mt-suggestion");
    }

    /** The target repeats the seg-source, each translated segment in place of its source. */
    private void writeSegments(List<TextTranslation> translations, Element target) {
      for (Node child = origin.getFirstChild(); child != null; child = child.getNextSibling()) {
        int text = containers.indexOf(child);
        if (text < 0) {
          target.appendChild(child.cloneNode(true));
        } else {
          Element segment = (Element) target.appendChild(child.cloneNode(false));
          XliffDom.write(contents.get(text), translations.get(text).text(), segment);
        }
      }
    }
  }
}
