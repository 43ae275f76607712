package dev.translation.documents.subtitles;

import dev.translation.documents.TextTranslation;
import dev.translation.documents.text.TextFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The sample subtitle files, and what the subtitle tests compare. */
final class Samples {

  private Samples() {}

  static byte[] read(String name) {
    try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no sample " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static List<TextTranslation> unchanged(List<String> texts) {
    return texts.stream().map(text -> new TextTranslation(text, true)).toList();
  }

  /**
   * The file as the handler parses it, with every cue's text lines replaced by a marker: what a
   * translation must leave as it was (numbers, identifiers, timings, settings, headers, notes,
   * blank lines, the encoding's byte order mark).
   */
  static String withoutCueTexts(SubtitleHandler handler, byte[] document) {
    TextFile file = TextFile.read(document);
    String content = file.content();
    StringBuilder skeleton = new StringBuilder(file.charset().name());
    skeleton.append(file.hasByteOrderMark() ? " BOM\n" : "\n");
    int copied = 0;
    for (Cue cue : handler.cues(content)) {
      if (cue.lines().isEmpty()) {
        continue;
      }
      skeleton.append(content, copied, cue.lines().getFirst().start()).append("[cue text]");
      copied = cue.lines().getLast().end();
    }
    return skeleton.append(content, copied, content.length()).toString();
  }
}
