package dev.translation.documents.subtitles;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.InvalidDocumentException;
import dev.translation.documents.text.SourceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SubRip subtitles ({@code .srt}). Each cue's text, all its lines, is one text; cue numbers,
 * timings (and the coordinates some files put after them), blank lines and markup that wraps a line
 * ({@code <i>}, {@code {\an8}}) stay as they were. See {@link CueText} for markup among the words.
 *
 * <p>Files as found in the wild are read: with or without a byte order mark, in UTF-8 or a legacy
 * encoding (see {@link dev.translation.documents.text.TextFile}), with cue numbers missing, with
 * {@code .} instead of {@code ,} before the milliseconds, and without the blank line between two
 * cues. A line where a cue number or timing must be but is not, or a timing that is no time, is
 * refused with its line number.
 */
public final class SrtHandler extends SubtitleHandler {

  private static final Pattern CUE_NUMBER = Pattern.compile("\\s*\\d+\\s*");
  private static final String TIME = "(\\d+):(\\d{1,2}):(\\d{1,2})[,.]\\d{1,3}";
  private static final Pattern TIMING =
      Pattern.compile("\\s*" + TIME + "\\s*-->\\s*" + TIME + "(?:\\s.*)?");

  /**
   * @param limits what one document may hold; cues with text count against {@link
   *     DocumentLimits#maxTexts()}
   */
  public SrtHandler(DocumentLimits limits) {
    super(limits, CueMarkup.SRT);
  }

  @Override
  public DocumentFormat format() {
    return DocumentFormat.SRT;
  }

  @Override
  List<Cue> cues(String content) {
    List<SourceLine> lines = SourceLine.of(content);
    List<Cue> cues = new ArrayList<>();
    int at = 0;
    while (at < lines.size()) {
      if (lines.get(at).isBlank(content)) {
        at++;
        continue;
      }
      int timing = isCueNumber(content, lines.get(at)) ? at + 1 : at;
      if (timing == lines.size() || lines.get(timing).isBlank(content)) {
        throw new InvalidDocumentException(
            "line " + lines.get(at).number() + ": a cue number without a timing line after it");
      }
      requireTiming(content, lines.get(timing), timing > at);
      at = timing + 1;
      int first = at;
      while (at < lines.size()
          && !lines.get(at).isBlank(content)
          && !startsCue(content, lines, at)) {
        at++;
      }
      cues.add(Cue.after(content, lines.get(timing), lines.subList(first, at)));
    }
    return cues;
  }

  /** A timing line, or a cue number with one after it: the next cue without a blank line before. */
  private static boolean startsCue(String content, List<SourceLine> lines, int at) {
    return lines.get(at).text(content).contains("-->")
        || isCueNumber(content, lines.get(at))
            && at + 1 < lines.size()
            && lines.get(at + 1).text(content).contains("-->");
  }

  private static boolean isCueNumber(String content, SourceLine line) {
    return CUE_NUMBER.matcher(content).region(line.start(), line.end()).matches();
  }

  private static void requireTiming(String content, SourceLine line, boolean afterNumber) {
    Matcher timing = TIMING.matcher(content).region(line.start(), line.end());
    if (!timing.matches()) {
      String expected =
          afterNumber || line.text(content).contains("-->")
              ? "a timing line such as 00:00:01,000 --> 00:00:04,000"
              : "a cue number or a timing line";
      throw new InvalidDocumentException("line " + line.number() + ": expected " + expected);
    }
    for (int group : new int[] {2, 3, 5, 6}) {
      if (Integer.parseInt(timing.group(group)) > 59) {
        throw new InvalidDocumentException(
            "line " + line.number() + ": the timing has more than 59 minutes or seconds");
      }
    }
  }
}
