package dev.translation.documents.subtitles;

import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.FormatHandler;
import dev.translation.documents.TextTranslation;
import dev.translation.documents.text.TextFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the subtitle formats share: each cue's text is one text, and the file is written back with
 * only those lines changed, in the encoding it came in. A translation that is blank, or the same as
 * its text, leaves the cue's lines exactly as they were.
 */
abstract sealed class SubtitleHandler implements FormatHandler permits SrtHandler, WebVttHandler {

  private final DocumentLimits limits;
  private final CueMarkup markup;

  SubtitleHandler(DocumentLimits limits, CueMarkup markup) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.markup = markup;
  }

  /**
   * The cues of a file's content, in order.
   *
   * @throws dev.translation.documents.InvalidDocumentException naming the line that breaks the
   *     format
   */
  abstract List<Cue> cues(String content);

  @Override
  public List<String> texts(byte[] document) {
    String content = TextFile.read(document).content();
    return cueTexts(content).stream().map(CueText::text).toList();
  }

  @Override
  public byte[] translate(byte[] document, List<TextTranslation> translations) {
    TextFile file = TextFile.read(document);
    String content = file.content();
    List<CueText> cues = cueTexts(content);
    if (translations.size() != cues.size()) {
      throw new IllegalArgumentException(
          "expected " + cues.size() + " translations, got " + translations.size());
    }
    StringBuilder out = new StringBuilder(content.length() + content.length() / 4);
    int copied = 0;
    for (int i = 0; i < cues.size(); i++) {
      CueText cue = cues.get(i);
      String translation = translations.get(i).text();
      if (translation.isBlank() || translation.equals(cue.text())) {
        continue;
      }
      out.append(content, copied, cue.start());
      cue.writeTranslation(content, translation, markup, out);
      copied = cue.end();
    }
    out.append(content, copied, content.length());
    return file.encode(out.toString());
  }

  /** The cues that have text, read with the format's markup. */
  private List<CueText> cueTexts(String content) {
    List<CueText> texts = new ArrayList<>();
    for (Cue cue : cues(content)) {
      if (cue.lines().isEmpty()) {
        continue;
      }
      CueText text = CueText.of(content, cue.lines(), cue.separator(), markup);
      if (text.text().isEmpty()) {
        continue;
      }
      if (texts.size() == limits.maxTexts()) {
        throw new DocumentTooLargeException(
            "the subtitles have more than "
                + limits.maxTexts()
                + " cues with text, the most one document may hold");
      }
      texts.add(text);
    }
    return texts;
  }
}
