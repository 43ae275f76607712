package dev.translation.launcher.batch.input;

import dev.translation.launcher.batch.BadInputException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a corpus file line by line as strict UTF-8. A line ends at LF; a CR before it is dropped,
 * so CRLF files read like LF files, and a last line without LF is still a line. Lines are counted
 * the same way by {@link #count}, so line numbers always agree.
 *
 * <p>Malformed UTF-8 is bad input (the corpus is not text, or not UTF-8), named by line. A line
 * longer than {@code maxLineBytes} is not held in memory: it is skipped and reported as a problem
 * line, and reading goes on.
 */
public final class CorpusLines implements Closeable {

  private final InputStream in;
  private final int maxLineBytes;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private long next;

  private CorpusLines(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** Opens a corpus for reading from its first line. */
  public static CorpusLines open(Path file, int maxLineBytes) throws IOException {
    return new CorpusLines(
        new BufferedInputStream(Files.newInputStream(file), 1 << 16), maxLineBytes);
  }

  /** Lines in the file, counted as {@link #next} reads them. */
  public static long count(Path file) throws IOException {
    long lines = 0;
    boolean pending = false;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            lines++;
            pending = false;
          } else {
            pending = true;
          }
        }
      }
    }
    return pending ? lines + 1 : lines;
  }

  /** Skips lines without decoding them, so a resumed shard gets to its place fast. */
  public void skip(long lines) throws IOException {
    for (long i = 0; i < lines; i++) {
      int b;
      do {
        b = in.read();
      } while (b >= 0 && b != '\n');
      if (b < 0) {
        return;
      }
      next++;
    }
  }

  /** The number the next line read will have. */
  public long nextNumber() {
    return next;
  }

  /**
   * The next line, or null at the end of the file.
   *
   * @throws BadInputException when the line is not UTF-8
   */
  public CorpusLine next() throws IOException {
    line.reset();
    boolean tooLong = false;
    int b = in.read();
    if (b < 0) {
      return null;
    }
    while (b >= 0 && b != '\n') {
      if (line.size() < maxLineBytes) {
        line.write(b);
      } else {
        tooLong = true;
      }
      b = in.read();
    }
    long number = next++;
    if (tooLong) {
      return new CorpusLine(
          number, null, "line " + (number + 1) + " is longer than " + maxLineBytes + " bytes");
    }
    byte[] bytes = line.toByteArray();
    int length =
        bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
    try {
      String text = decoder.reset().decode(ByteBuffer.wrap(bytes, 0, length)).toString();
      // A byte order mark is not part of the first line's text.
      return new CorpusLine(
          number, number == 0 && text.startsWith("\uFEFF") ? text.substring(1) : text, null);
    } catch (CharacterCodingException e) {
      throw new BadInputException("line " + (number + 1) + " of the corpus is not UTF-8 text");
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
