package dev.translation.documents.office;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.InvalidDocumentException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfficePackageGuardTest {

  private static final DocumentLimits ONE_MEGABYTE = new DocumentLimits(100, 1 << 20, 100, 64);

  @ParameterizedTest
  @ValueSource(strings = {"sample.docx", "sample.pptx", "sample.xlsx"})
  void realDocumentsPass(String sample) {
    OfficePackageGuard guard = new OfficePackageGuard(DocumentLimits.DEFAULTS);

    assertThatCode(() -> guard.check(OfficeFiles.sample(sample))).doesNotThrowAnyException();
  }

  @Test
  void workbooksPoiStreamsPassThoughTheJdksZipReaderRefusesThem() throws Exception {
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    try (SXSSFWorkbook workbook = new SXSSFWorkbook()) {
      workbook.createSheet("Daten").createRow(0).createCell(0).setCellValue("Hallo");
      workbook.write(streamed);
    }
    OfficePackageGuard guard = new OfficePackageGuard(DocumentLimits.DEFAULTS);

    assertThatThrownBy(() -> readWithTheJdk(streamed.toByteArray()))
        .isInstanceOf(ZipException.class);
    assertThatCode(() -> guard.check(streamed.toByteArray())).doesNotThrowAnyException();
  }

  @Test
  void aSmallArchiveWithAHugeWellCompressedEntryIsRefusedAsAZipBomb() throws Exception {
    byte[] bomb = archive("word/document.xml", new byte[50 << 20], 1);
    assertThat(bomb.length).isLessThan(100_000);
    OfficePackageGuard guard = new OfficePackageGuard(DocumentLimits.DEFAULTS);

    assertThatThrownBy(() -> guard.check(bomb))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("compressed more than 100 to 1")
        .hasMessageContaining("zip bomb");
  }

  @Test
  void whatUnpacksBeyondTheLimitIsRefusedWhateverTheArchiveDeclares() throws Exception {
    byte[] incompressible = new byte[1200 * 1024];
    new Random(7).nextBytes(incompressible);
    byte[] archive = archive("xl/worksheets/sheet1.xml", incompressible, 1);
    // Declare the entry 10 bytes long, in its data descriptor and the central directory.
    byte[] lying = declareSizes(archive, 10);
    OfficePackageGuard guard = new OfficePackageGuard(ONE_MEGABYTE);

    assertThatThrownBy(() -> guard.check(lying))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessage("the file unpacks to more than 1 MiB, the most a document may unpack to");
  }

  @Test
  void anArchiveOfTooManyEntriesIsRefused() throws Exception {
    byte[] archive = archive("ppt/slides/slide", new byte[1], OfficePackageGuard.MAX_ENTRIES + 1);
    OfficePackageGuard guard = new OfficePackageGuard(DocumentLimits.DEFAULTS);

    assertThatThrownBy(() -> guard.check(archive))
        .isInstanceOf(DocumentTooLargeException.class)
        .hasMessageContaining("more than 10000 parts");
  }

  @Test
  void whatIsNoZipArchiveIsInvalid() {
    OfficePackageGuard guard = new OfficePackageGuard(DocumentLimits.DEFAULTS);

    assertThatThrownBy(() -> guard.check("Hallo Welt".getBytes()))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("not a ZIP archive");
  }

  @Test
  void poisOwnChecksAreSetNoStricterThanAnyGuard() {
    new OfficePackageGuard(ONE_MEGABYTE);
    new OfficePackageGuard(DocumentLimits.DEFAULTS);

    assertThat(ZipSecureFile.getMaxEntrySize())
        .isGreaterThanOrEqualTo(DocumentLimits.DEFAULTS.maxUnpackedBytes());
    assertThat(ZipSecureFile.getMinInflateRatio())
        .isLessThanOrEqualTo(1 / DocumentLimits.DEFAULTS.maxCompressionRatio());
    assertThat(ZipSecureFile.getMaxFileCount()).isEqualTo(OfficePackageGuard.MAX_ENTRIES);
  }

  private static void readWithTheJdk(byte[] archive) throws Exception {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
      while (zip.getNextEntry() != null) {
        zip.readAllBytes();
      }
    }
  }

  /** {@code count} deflated entries named {@code prefix} + number, each holding {@code content}. */
  static byte[] archive(String prefix, byte[] content, int count) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setLevel(9);
      for (int i = 0; i < count; i++) {
        zip.putNextEntry(new ZipEntry(count == 1 ? prefix : prefix + i + ".xml"));
        zip.write(content);
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** {@code archive} with every entry's uncompressed size declared as {@code size}. */
  private static byte[] declareSizes(byte[] archive, int size) {
    ByteBuffer buffer = ByteBuffer.wrap(archive.clone()).order(ByteOrder.LITTLE_ENDIAN);
    for (int at = 0; at + 4 <= archive.length; at++) {
      int signature = buffer.getInt(at);
      if (signature == 0x08074b50 && at + 16 <= archive.length) {
        buffer.putInt(at + 12, size); // data descriptor: signature, crc, packed, unpacked
      } else if (signature == 0x02014b50 && at + 28 <= archive.length) {
        buffer.putInt(at + 24, size); // central directory header: unpacked size
      }
    }
    return buffer.array();
  }
}
