package dev.translation.documents.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.documents.InvalidDocumentException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextFileTest {

  private static final String GERMAN =
      "Sehr geehrte Damen und Herren, wir freuen uns, Ihnen mitzuteilen, dass die Straße am"
          + " Montag wieder für den Verkehr geöffnet wird. Mit freundlichen Grüßen\n";

  @Test
  void utf8WithoutAndWithByteOrderMarkIsReadAndWrittenTheSameWay() {
    TextFile plain = TextFile.read(GERMAN.getBytes(StandardCharsets.UTF_8));
    byte[] marked =
        concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, plain.encode(GERMAN));
    TextFile withMark = TextFile.read(marked);

    assertThat(plain.content()).isEqualTo(GERMAN);
    assertThat(plain.charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(plain.hasByteOrderMark()).isFalse();
    assertThat(withMark.content()).isEqualTo(GERMAN);
    assertThat(withMark.hasByteOrderMark()).isTrue();
    assertThat(withMark.encode("Grüße"))
        .isEqualTo(concat(marked, 0, 3, "Grüße".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void utf16AndUtf32AreReadByTheirByteOrderMarks() {
    byte[] utf16be =
        concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, GERMAN.getBytes(StandardCharsets.UTF_16BE));
    byte[] utf32le =
        concat(
            new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0},
            GERMAN.getBytes(Charset.forName("UTF-32LE")));

    TextFile sixteen = TextFile.read(utf16be);
    TextFile thirtyTwo = TextFile.read(utf32le);

    assertThat(sixteen.content()).isEqualTo(GERMAN);
    assertThat(sixteen.charset()).isEqualTo(StandardCharsets.UTF_16BE);
    assertThat(sixteen.encode(GERMAN)).isEqualTo(utf16be);
    assertThat(thirtyTwo.content()).isEqualTo(GERMAN);
    assertThat(thirtyTwo.encode(GERMAN)).isEqualTo(utf32le);
  }

  @Test
  void latin1AndWindows1252AreDetectedInGermanText() {
    TextFile latin1 = TextFile.read(GERMAN.getBytes(StandardCharsets.ISO_8859_1));
    String quoted = "„Das ist schön“, sagte sie – und lächelte. " + GERMAN;
    TextFile windows = TextFile.read(quoted.getBytes(Charset.forName("windows-1252")));

    assertThat(latin1.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
    assertThat(latin1.content()).isEqualTo(GERMAN);
    assertThat(windows.charset().name()).isEqualTo("windows-1252");
    assertThat(windows.content()).isEqualTo(quoted);
  }

  @Test
  void utf16WithoutByteOrderMarkIsDetected() {
    TextFile file = TextFile.read(GERMAN.getBytes(StandardCharsets.UTF_16LE));

    assertThat(file.charset()).isEqualTo(StandardCharsets.UTF_16LE);
    assertThat(file.content()).isEqualTo(GERMAN);
    assertThat(file.hasByteOrderMark()).isFalse();
  }

  @Test
  void tooLittleTextToTellTheEncodingIsRefusedAskingForUtf8() {
    byte[] latin1 = "Grüße".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> TextFile.read(latin1))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage(
            "the file's text encoding could not be determined (it is not UTF-8); save it as UTF-8"
                + " and send it again");
  }

  @Test
  void encodingsGermanTextIsNotStoredInAreRefused() {
    String russian = "Привет, как дела? Это тестовый текст на русском языке, довольно длинный.";
    String japanese = "これは日本語のテキストです。よろしくお願いします。";

    assertThatThrownBy(() -> TextFile.read(russian.getBytes(Charset.forName("KOI8-R"))))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("could not be determined");
    assertThatThrownBy(() -> TextFile.read(japanese.getBytes(Charset.forName("Shift_JIS"))))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("could not be determined");
  }

  @Test
  void damagedUtf8IsRefusedNamingTheFirstBadByteNotReadAsLatin1() {
    byte[] good = GERMAN.getBytes(StandardCharsets.UTF_8);
    byte[] damaged = good.clone();
    damaged[10] = (byte) 0xFF;

    assertThatThrownBy(() -> TextFile.read(damaged))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage(
            "the file is not valid UTF-8 (byte 10 is malformed); save it as UTF-8 and send it again");
  }

  @Test
  void utf8DamagedInMostOfItsUmlautsIsStillRefusedRatherThanReadAsLatin1() {
    byte[] damaged = GERMAN.getBytes(StandardCharsets.UTF_8);
    int broken = 0;
    for (int i = 0; i + 1 < damaged.length && broken < 3; i++) {
      if ((damaged[i] & 0xFF) == 0xC3) {
        damaged[i + 1] = 'x';
        broken++;
      }
    }

    assertThatThrownBy(() -> TextFile.read(damaged))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("the file is not valid UTF-8");
  }

  @Test
  void aByteOrderMarkThatLiesIsRefused() {
    byte[] oddUtf16 = {(byte) 0xFF, (byte) 0xFE, 'H', 0, 'i'};
    byte[] badUtf8 = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'G', 'r', (byte) 0xFC, 'n'};

    assertThatThrownBy(() -> TextFile.read(oddUtf16))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("UTF-16LE byte order mark but is not valid UTF-16LE");
    assertThatThrownBy(() -> TextFile.read(badUtf8))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("UTF-8 byte order mark but is not valid UTF-8");
  }

  @Test
  void binaryDataIsRefusedWithoutEchoingIt() {
    byte[] random = new byte[4096];
    new Random(7).nextBytes(random);
    byte[] nulInText = "Geheimnis\0Geheimnis".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> TextFile.read(random)).isInstanceOf(InvalidDocumentException.class);
    assertThatThrownBy(() -> TextFile.read(nulInText))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage(
            "the file holds control characters (the first at character 9), so it is binary data, not text")
        .message()
        .doesNotContain("Geheimnis");
  }

  @Test
  void tabsFormFeedsAndLineBreaksAreText() {
    String text = "Spalte\tSpalte\r\nSeite eins\fSeite zwei\u000Bende\n";

    assertThat(TextFile.read(text.getBytes(StandardCharsets.UTF_8)).content()).isEqualTo(text);
  }

  private static byte[] concat(byte[] first, byte[] second) {
    return concat(first, 0, first.length, second);
  }

  private static byte[] concat(byte[] first, int from, int to, byte[] second) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(first, from, to - from);
    out.writeBytes(second);
    return out.toByteArray();
  }
}
