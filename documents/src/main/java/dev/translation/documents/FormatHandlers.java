package dev.translation.documents;

import dev.translation.documents.html.HtmlHandler;
import dev.translation.documents.markdown.MarkdownHandler;
import dev.translation.documents.office.DocxHandler;
import dev.translation.documents.office.PptxHandler;
import dev.translation.documents.office.XlsxHandler;
import dev.translation.documents.pdf.PdfHandler;
import dev.translation.documents.subtitles.SrtHandler;
import dev.translation.documents.subtitles.WebVttHandler;
import dev.translation.documents.text.PlainTextHandler;
import dev.translation.documents.xliff.XliffHandler;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The handler of each supported format, and the one entry point for reading an upload. */
public final class FormatHandlers {

  /** Each format's handlers; the first writes the format's default output. */
  private final Map<DocumentFormat, List<FormatHandler>> handlers =
      new EnumMap<>(DocumentFormat.class);

  /** Every format's handler, each enforcing {@code limits}. */
  public static FormatHandlers all(DocumentLimits limits) {
    return new FormatHandlers(
        List.of(
            new PlainTextHandler(limits),
            new MarkdownHandler(limits),
            new HtmlHandler(limits),
            new DocxHandler(limits),
            new PptxHandler(limits),
            new XlsxHandler(limits),
            new SrtHandler(limits),
            new WebVttHandler(limits),
            new XliffHandler(limits),
            new PdfHandler(limits),
            PdfHandler.toText(limits)));
  }

  /**
   * A registry of the given handlers. A format may have several, each writing another output
   * format; the first one given is its default.
   */
  public FormatHandlers(List<FormatHandler> handlers) {
    for (FormatHandler handler : handlers) {
      List<FormatHandler> ofFormat =
          this.handlers.computeIfAbsent(handler.format(), format -> new ArrayList<>());
      if (ofFormat.stream().anyMatch(h -> h.outputFormat() == handler.outputFormat())) {
        throw new IllegalArgumentException(
            "two handlers for " + handler.format() + " to " + handler.outputFormat());
      }
      ofFormat.add(handler);
    }
  }

  /**
   * The handler for a file: its format is detected from its content.
   *
   * @throws InvalidDocumentException when the file is empty
   * @throws UnsupportedDocumentException when its format is not supported
   */
  public FormatHandler forFile(byte[] content, String fileName) {
    DocumentFormat format = FormatDetector.detect(content, fileName);
    return forFormat(format);
  }

  /**
   * The handler of a format.
   *
   * @throws UnsupportedDocumentException when no handler reads it
   */
  public FormatHandler forFormat(DocumentFormat format) {
    List<FormatHandler> ofFormat = handlers.get(format);
    if (ofFormat == null) {
      throw new UnsupportedDocumentException(
          "the file is " + format.apiName() + ", which cannot be translated yet");
    }
    return ofFormat.getFirst();
  }

  /**
   * The handler of a format that writes {@code output}, e.g. a PDF's text as plain text.
   *
   * @throws UnsupportedDocumentException when no handler reads the format, or none writes it as
   *     {@code output}
   */
  public FormatHandler forFormat(DocumentFormat format, DocumentFormat output) {
    List<FormatHandler> ofFormat = handlers.getOrDefault(format, List.of(forFormat(format)));
    return ofFormat.stream()
        .filter(handler -> handler.outputFormat() == output)
        .findFirst()
        .orElseThrow(
            () ->
                new UnsupportedDocumentException(
                    "a "
                        + format.apiName()
                        + " file can be returned as "
                        + String.join(
                            " or ", ofFormat.stream().map(h -> h.outputFormat().apiName()).toList())
                        + ", not as "
                        + output.apiName()));
  }
}
