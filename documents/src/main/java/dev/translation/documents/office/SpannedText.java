package dev.translation.documents.office;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One translatable text of an office document (a paragraph, a cell) made of spans of formatting.
 * Replacing it spreads the translation over the spans with {@link SpanDistribution}.
 */
final class SpannedText {

  private static final Pattern MULTIPLE_SPACES = Pattern.compile(" {2,}");

  private final List<TextSpan> spans;
  private final List<SpannedText> copies = new ArrayList<>();

  SpannedText(List<TextSpan> spans) {
    this.spans = List.copyOf(spans);
  }

  /**
   * The whole text, without the whitespace around it (which stays as it is) and with runs of spaces
   * as one (they stand where a field or footnote mark sits between two runs).
   */
  String text() {
    return MULTIPLE_SPACES.matcher(spanText().strip()).replaceAll(" ");
  }

  /**
   * Also replaces {@code copy} whenever this text is replaced: for a second rendering of the same
   * content (the fallback of a text box for older readers).
   */
  void alsoReplace(SpannedText copy) {
    copies.add(copy);
  }

  /**
   * Replaces the text with {@code translation}, keeping each span's formatting and the whitespace
   * around the text (a space before a page number field, a line break ending a cell).
   */
  void replace(String translation) {
    String source = spanText();
    String core = source.strip();
    int start = source.indexOf(core);
    String whole =
        source.substring(0, start) + translation.strip() + source.substring(start + core.length());
    List<String> pieces =
        SpanDistribution.distribute(spans.stream().map(TextSpan::text).toList(), whole);
    for (int i = 0; i < spans.size(); i++) {
      spans.get(i).replace(pieces.get(i));
    }
    for (SpannedText copy : copies) {
      copy.replace(translation);
    }
  }

  private String spanText() {
    StringBuilder text = new StringBuilder();
    for (TextSpan span : spans) {
      text.append(span.text());
    }
    return text.toString();
  }
}
