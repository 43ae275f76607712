package dev.translation.documents.subtitles;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.InvalidDocumentException;
import dev.translation.documents.text.SourceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * WebVTT subtitles ({@code .vtt}). Each cue's payload, all its lines, is one text; the {@code
 * WEBVTT} line and the header after it, {@code NOTE}, {@code STYLE} and {@code REGION} blocks, cue
 * identifiers, timings with their settings ({@code align:start position:10%}) and blank lines stay
 * as they were. Tags that wrap a line ({@code <v Roger>}, {@code <i>}) are kept around its
 * translation, see {@link CueText} for tags among the words; character references are read as the
 * characters they stand for, and {@code &}, {@code <} and {@code >} in a translation are escaped.
 *
 * <p>A cue whose timing line is missing or is no timing is refused with its line number, rather
 * than skipped as a player would: a skipped cue would silently go untranslated.
 */
public final class WebVttHandler extends SubtitleHandler {

  private static final Pattern SIGNATURE = Pattern.compile("WEBVTT(?:[ \\t].*)?");
  private static final String TIME = "(?:\\d+:)?[0-5]\\d:[0-5]\\d\\.\\d{3}";
  private static final Pattern TIMING =
      Pattern.compile("[ \\t]*" + TIME + "[ \\t]+-->[ \\t]+" + TIME + "(?:[ \\t].*)?");
  private static final Pattern SKIPPED_BLOCK =
      Pattern.compile("(?:NOTE|STYLE|REGION)(?:[ \\t].*)?");

  /**
   * @param limits what one document may hold; cues with text count against {@link
   *     DocumentLimits#maxTexts()}
   */
  public WebVttHandler(DocumentLimits limits) {
    super(limits, CueMarkup.WEBVTT);
  }

  @Override
  public DocumentFormat format() {
    return DocumentFormat.WEBVTT;
  }

  @Override
  List<Cue> cues(String content) {
    List<SourceLine> lines = SourceLine.of(content);
    if (lines.isEmpty() || !matches(SIGNATURE, content, lines.getFirst())) {
      throw new InvalidDocumentException("line 1: a WebVTT file must start with the line WEBVTT");
    }
    int at = 1;
    while (at < lines.size()
        && !lines.get(at).isBlank(content)
        && !hasArrow(content, lines.get(at))) {
      at++;
    }
    List<Cue> cues = new ArrayList<>();
    while (at < lines.size()) {
      SourceLine line = lines.get(at);
      if (line.isBlank(content)) {
        at++;
        continue;
      }
      if (matches(SKIPPED_BLOCK, content, line)) {
        while (at < lines.size() && !lines.get(at).isBlank(content)) {
          at++;
        }
        continue;
      }
      int timing = hasArrow(content, line) ? at : at + 1;
      if (timing == lines.size() || !hasArrow(content, lines.get(timing))) {
        throw new InvalidDocumentException(
            "line "
                + (timing == lines.size() ? line.number() : lines.get(timing).number())
                + ": expected a cue timing line such as 00:00:01.000 --> 00:00:04.000");
      }
      if (!matches(TIMING, content, lines.get(timing))) {
        throw new InvalidDocumentException(
            "line "
                + lines.get(timing).number()
                + ": the cue timing is malformed; expected [hh:]mm:ss.ttt --> [hh:]mm:ss.ttt,"
                + " then optional settings");
      }
      at = timing + 1;
      int first = at;
      while (at < lines.size()
          && !lines.get(at).isBlank(content)
          && !hasArrow(content, lines.get(at))) {
        at++;
      }
      cues.add(Cue.after(content, lines.get(timing), lines.subList(first, at)));
    }
    return cues;
  }

  private static boolean hasArrow(String content, SourceLine line) {
    return content.indexOf("-->", line.start(), line.end()) >= 0;
  }

  private static boolean matches(Pattern pattern, String content, SourceLine line) {
    return pattern.matcher(content).region(line.start(), line.end()).matches();
  }
}
