package dev.translation.documents.xliff;

import dev.translation.documents.TextTranslation;
import dev.translation.documents.inline.PlaceholderText;
import java.util.List;
import org.w3c.dom.Node;

/** A part of an XLIFF file that gets one target: its texts, and how their translations go in. */
interface XliffUnit {

  /** The texts, in document order (one, or one per segment). */
  List<PlaceholderText<Node>> texts();

  /** Writes the target from one translation per {@link #texts()} entry, and sets its state. */
  void writeTarget(List<TextTranslation> translations);
}
