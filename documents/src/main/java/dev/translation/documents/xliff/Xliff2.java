package dev.translation.documents.xliff;

import static dev.translation.documents.xliff.XliffDom.is;

import dev.translation.documents.TextTranslation;
import dev.translation.documents.inline.PlaceholderText;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * XLIFF 2.x: each {@code <segment>}'s {@code <source>} is a text, translated into the segment's
 * {@code <target>}; {@code <ignorable>} parts between segments are left alone.
 *
 * <p>Inline codes: {@code <pc>} and {@code <mrk>} enclose text and are translated with it (a {@code
 * <mrk translate="no">} is copied as it is); {@code <ph/>}, {@code <sc/>}, {@code <ec/>}, {@code
 * <sm/>}, {@code <em/>} and {@code <cp/>} are copied as they are. Copies keep their {@code id},
 * which is how XLIFF 2 ties a target's codes to the source's.
 *
 * <p>States: XLIFF 2 knows {@code initial}, {@code translated}, {@code reviewed} and {@code final}.
 * A complete translation makes the segment {@code translated}; one where some sentences failed (and
 * stand in German) is not translated, so the segment stays {@code initial} with {@code
 * subState="dev.translation:incomplete"} saying why (the specification asks for an explicit {@code
 * state} wherever {@code subState} is used, and a prefixed value naming its authority). Segments
 * already {@code reviewed} or {@code final}, and units under {@code translate="no"} (on the unit, a
 * group or the file), are left as they are.
 */
final class Xliff2 {

  /** Says that some sentences of the segment's target are still in the source language. */
  static final String INCOMPLETE = "dev.translation:incomplete";

  private static final Set<String> SIGNED_OFF = Set.of("reviewed", "final");

  private final Element root;
  private final String ns;
  private final XliffUnits units;

  private Xliff2(Element root, XliffUnits units) {
    this.root = root;
    this.ns = root.getNamespaceURI();
    this.units = units;
  }

  /** Adds the segments of the file whose root is {@code root} to {@code units}. */
  static void findUnits(Element root, XliffUnits units) {
    XliffDom.checkLanguages(root.getAttribute("srcLang"), root.getAttribute("trgLang"));
    new Xliff2(root, units).visit(root, true);
  }

  /** Walks files and groups; recursion is bounded by the nesting limit. */
  private void visit(Element parent, boolean translatable) {
    for (Element child : XliffDom.childElements(parent)) {
      boolean here = translatable && !XliffDom.isNo(child.getAttribute("translate"));
      if (is(child, ns, "unit")) {
        if (here) {
          for (Element segment : XliffDom.childElements(child)) {
            if (is(segment, ns, "segment")) {
              addSegment(segment);
            }
          }
        }
      } else if (is(child, ns, "file") || is(child, ns, "group")) {
        visit(child, here);
      }
    }
  }

  private void addSegment(Element segment) {
    Element source = XliffDom.source(segment, ns);
    if (SIGNED_OFF.contains(segment.getAttribute("state"))) {
      return;
    }
    PlaceholderText<Node> content = XliffDom.read(source, this::isPaired);
    if (XliffDom.hasLetter(content.plainText())) {
      units.add(new Segment(root, segment, source, content));
    }
  }

  private boolean isPaired(Element code) {
    return is(code, ns, "pc")
        || is(code, ns, "mrk") && !XliffDom.isNo(code.getAttribute("translate"));
  }

  private record Segment(
      Element root, Element segment, Element source, PlaceholderText<Node> content)
      implements XliffUnit {

    @Override
    public List<PlaceholderText<Node>> texts() {
      return List.of(content);
    }

    @Override
    public void writeTarget(List<TextTranslation> translations) {
      if (root.getAttribute("trgLang").isBlank()) {
        root.setAttribute("trgLang", "en");
      }
      TextTranslation translation = translations.getFirst();
      Element target = XliffDom.emptyTarget(segment, segment.getNamespaceURI(), source);
      XliffDom.write(content, translation.text(), target);
      if (translation.complete()) {
        segment.setAttribute("state", "translated");
        segment.removeAttribute("subState");
      } else {
        segment.setAttribute("state", "initial");
        segment.setAttribute("subState", INCOMPLETE);
      }
    }
  }
}
