package dev.translation.documents.text;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import com.ibm.icu.text.Transliterator;
import dev.translation.documents.InvalidDocumentException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The characters of a text file and the encoding they were stored in, so that a translation can be
 * written back the way the file came.
 *
 * <p>A file is read as UTF-8 when it is valid UTF-8, and by its byte order mark when it has one
 * (UTF-8, UTF-16, UTF-32). Anything else is handed to ICU's {@link CharsetDetector}, and accepted
 * only when the detector is confident and names an encoding German text is actually stored in
 * (ISO-8859-1, windows-1252, or UTF-16/32 without a byte order mark). Everything else is refused
 * with a message asking for UTF-8: a guessed encoding would turn every umlaut into garbage, and a
 * refusal is cheaper for the sender than a translation of garbage.
 */
public final class TextFile {

  /**
   * The lowest {@link CharsetMatch#getConfidence()} that counts as knowing the encoding. German
   * Latin-1 text of a sentence or more scores 45 to 90; random bytes score 10, and two or three
   * words score too little to tell Latin-1 from a dozen other single-byte encodings.
   */
  static final int MIN_CONFIDENCE = 35;

  /** What the detector may name: the encodings German text is stored in besides UTF-8. */
  private static final Set<String> DETECTABLE =
      Set.of("ISO-8859-1", "windows-1252", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE");

  private static final String SAVE_AS_UTF8 = "save it as UTF-8 and send it again";

  private static final List<ByteOrderMark> BYTE_ORDER_MARKS =
      List.of(
          // UTF-32LE's mark starts with UTF-16LE's, so it is tried first.
          new ByteOrderMark(Charset.forName("UTF-32LE"), 0xFF, 0xFE, 0x00, 0x00),
          new ByteOrderMark(Charset.forName("UTF-32BE"), 0x00, 0x00, 0xFE, 0xFF),
          new ByteOrderMark(StandardCharsets.UTF_8, 0xEF, 0xBB, 0xBF),
          new ByteOrderMark(StandardCharsets.UTF_16LE, 0xFF, 0xFE),
          new ByteOrderMark(StandardCharsets.UTF_16BE, 0xFE, 0xFF));

  private final String content;
  private final Charset charset;
  private final byte[] byteOrderMark;

  private TextFile(String content, Charset charset, byte[] byteOrderMark) {
    this.content = content;
    this.charset = charset;
    this.byteOrderMark = byteOrderMark;
  }

  /**
   * Decodes {@code bytes}.
   *
   * @throws InvalidDocumentException when the file is empty (a byte order mark alone included), its
   *     encoding cannot be determined, it is damaged UTF-8 or UTF-16, or it holds control
   *     characters (binary data)
   */
  public static TextFile read(byte[] bytes) {
    TextFile file = decode(bytes);
    if (file.content.isEmpty()) {
      throw new InvalidDocumentException("the file is empty");
    }
    int control = firstControlCharacter(file.content);
    if (control >= 0) {
      throw new InvalidDocumentException(
          "the file holds control characters (the first at character "
              + control
              + "), so it is binary data, not text");
    }
    return file;
  }

  /** The file's characters, without its byte order mark. */
  public String content() {
    return content;
  }

  /** The encoding the file was stored in. */
  public Charset charset() {
    return charset;
  }

  /** Whether the file started with a byte order mark. */
  public boolean hasByteOrderMark() {
    return byteOrderMark.length > 0;
  }

  /**
   * {@code text} in this file's encoding, with its byte order mark if it had one. Characters the
   * encoding cannot hold (an em dash or curly quotes in ISO-8859-1) are written as their nearest
   * ASCII spelling, or as {@code ?} where there is none.
   */
  public byte[] encode(String text) {
    CharsetEncoder encoder = charset.newEncoder();
    String encodable = encoder.canEncode(text) ? text : approximate(text, encoder);
    byte[] body = encodable.getBytes(charset);
    byte[] bytes = Arrays.copyOf(byteOrderMark, byteOrderMark.length + body.length);
    System.arraycopy(body, 0, bytes, byteOrderMark.length, body.length);
    return bytes;
  }

  private static TextFile decode(byte[] bytes) {
    for (ByteOrderMark mark : BYTE_ORDER_MARKS) {
      if (mark.starts(bytes)) {
        byte[] markBytes = Arrays.copyOf(bytes, mark.length());
        return new TextFile(decodeMarked(bytes, mark), mark.charset(), markBytes);
      }
    }
    CharsetDecoder utf8 = strictDecoder(StandardCharsets.UTF_8);
    try {
      return new TextFile(
          utf8.decode(ByteBuffer.wrap(bytes)).toString(), StandardCharsets.UTF_8, new byte[0]);
    } catch (CharacterCodingException notUtf8) {
      return detect(bytes);
    }
  }

  private static String decodeMarked(byte[] bytes, ByteOrderMark mark) {
    ByteBuffer body = ByteBuffer.wrap(bytes, mark.length(), bytes.length - mark.length());
    try {
      return strictDecoder(mark.charset()).decode(body).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidDocumentException(
          "the file starts with a "
              + mark.charset().name()
              + " byte order mark but is not valid "
              + mark.charset().name()
              + "; "
              + SAVE_AS_UTF8,
          e);
    }
  }

  private static TextFile detect(byte[] bytes) {
    Utf8Scan utf8 = Utf8Scan.of(bytes);
    if (utf8.looksDamaged()) {
      // Damaged UTF-8: read as Latin-1 it would turn every umlaut into two characters of garbage.
      throw new InvalidDocumentException(
          "the file is not valid UTF-8 (byte "
              + utf8.firstMalformed()
              + " is malformed); "
              + SAVE_AS_UTF8);
    }
    CharsetDetector detector = new CharsetDetector();
    detector.setText(bytes);
    CharsetMatch match = detector.detect();
    if (match == null
        || match.getConfidence() < MIN_CONFIDENCE
        || !DETECTABLE.contains(match.getName())) {
      throw new InvalidDocumentException(
          "the file's text encoding could not be determined (it is not UTF-8); " + SAVE_AS_UTF8);
    }
    Charset charset = Charset.forName(match.getName());
    try {
      String content = strictDecoder(charset).decode(ByteBuffer.wrap(bytes)).toString();
      return new TextFile(content, charset, new byte[0]);
    } catch (CharacterCodingException e) {
      throw new InvalidDocumentException(
          "the file's text encoding could not be determined (it is not UTF-8, and not valid "
              + charset.name()
              + "); "
              + SAVE_AS_UTF8,
          e);
    }
  }

  private static CharsetDecoder strictDecoder(Charset charset) {
    return charset
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /**
   * Tab, line feed, vertical tab, form feed and carriage return are text; other C0 codes are not.
   */
  private static int firstControlCharacter(String content) {
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (c < 0x20 && (c < '\t' || c > '\r') || c == 0x7F) {
        return i;
      }
    }
    return -1;
  }

  /**
   * How well {@code bytes} read as UTF-8. Text in another encoding has malformed bytes and hardly a
   * well-formed multi-byte sequence (in German Latin-1, only the odd "ß" before a typographic quote
   * makes one); damaged UTF-8 still has many.
   */
  private record Utf8Scan(int firstMalformed, int malformedBytes, int multiByteCharacters) {

    static Utf8Scan of(byte[] bytes) {
      int firstMalformed = -1;
      int malformed = 0;
      int multiByte = 0;
      for (int i = 0; i < bytes.length; ) {
        int length = utf8SequenceLength(bytes, i);
        if (length == 0) {
          firstMalformed = firstMalformed < 0 ? i : firstMalformed;
          malformed++;
          i++;
        } else {
          multiByte += length > 1 ? 1 : 0;
          i += length;
        }
      }
      return new Utf8Scan(firstMalformed, malformed, multiByte);
    }

    boolean looksDamaged() {
      return multiByteCharacters > 0 && multiByteCharacters * 4 >= malformedBytes;
    }
  }

  /** The length of the well-formed UTF-8 sequence at {@code at}, or 0 when it is malformed. */
  private static int utf8SequenceLength(byte[] bytes, int at) {
    int lead = bytes[at] & 0xFF;
    if (lead < 0x80) {
      return 1;
    }
    int length;
    int min;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      min = 0x10000;
    } else {
      return 0;
    }
    if (at + length > bytes.length) {
      return 0;
    }
    int codePoint = lead & (0x7F >> length);
    for (int i = 1; i < length; i++) {
      int next = bytes[at + i] & 0xFF;
      if ((next & 0xC0) != 0x80) {
        return 0;
      }
      codePoint = codePoint << 6 | next & 0x3F;
    }
    boolean surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
    return codePoint < min || codePoint > 0x10FFFF || surrogate ? 0 : length;
  }

  private static String approximate(String text, CharsetEncoder encoder) {
    Transliterator toAscii = Transliterator.getInstance("Any-Latin; Latin-ASCII");
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            codePoint -> {
              String character = Character.toString(codePoint);
              if (encoder.canEncode(character)) {
                out.append(character);
                return;
              }
              String compatible = Normalizer.normalize(character, Normalizer.Form.NFKC);
              String spelled =
                  encoder.canEncode(compatible) ? compatible : toAscii.transliterate(compatible);
              out.append(!spelled.isEmpty() && encoder.canEncode(spelled) ? spelled : "?");
            });
    return out.toString();
  }

  private record ByteOrderMark(Charset charset, int... bytes) {

    boolean starts(byte[] file) {
      if (file.length < bytes.length) {
        return false;
      }
      for (int i = 0; i < bytes.length; i++) {
        if ((file[i] & 0xFF) != bytes[i]) {
          return false;
        }
      }
      return true;
    }

    int length() {
      return bytes.length;
    }
  }

  @Override
  public String toString() {
    return "TextFile[" + charset.name() + (hasByteOrderMark() ? " with BOM" : "") + "]";
  }
}
