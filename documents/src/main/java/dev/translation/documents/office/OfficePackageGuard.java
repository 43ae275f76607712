package dev.translation.documents.office;

import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.InvalidDocumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * Refuses zip bombs before POI opens an office file: inflates every entry once, counting the bytes
 * it really unpacks to (the sizes an archive declares can lie), and stops at the first limit
 * exceeded, so a hostile file costs at most {@link DocumentLimits#maxUnpackedBytes()} of reading
 * and no memory. The archive is read with commons-compress, as POI reads it, so what passes here is
 * what POI will see (the JDK's own reader rejects, for one, the ZIP64 data descriptors that POI's
 * streaming workbooks write).
 *
 * <p>Also sets POI's own zip checks ({@link ZipSecureFile}, JVM-wide) to the same limits, as a
 * second line behind this one.
 */
final class OfficePackageGuard {

  /**
   * Most entries an archive may hold. A real document has a few dozen parts, a large presentation
   * or workbook a few thousand (one per slide, sheet or image plus its relationships).
   */
  static final int MAX_ENTRIES = 10_000;

  /**
   * Entries that unpack to less than this are not held to the compression ratio: small XML parts
   * (content types, relationships) compress far better than whole documents and are harmless. POI
   * uses the same grace size.
   */
  static final long RATIO_GRACE_BYTES = 100 * 1024;

  /** POI's checks are JVM-wide; they get the loosest limits of any guard, never refusing more. */
  private static double poiMaxRatio;

  private static long poiMaxEntryBytes;

  private final DocumentLimits limits;

  OfficePackageGuard(DocumentLimits limits) {
    this.limits = limits;
    alignPoiChecks(limits);
  }

  /** The limits this guard enforces. */
  DocumentLimits limits() {
    return limits;
  }

  /**
   * Reads through the whole archive.
   *
   * @throws DocumentTooLargeException when it holds too many entries, unpacks to too much, or an
   *     entry is compressed suspiciously well
   * @throws InvalidDocumentException when it is not a readable ZIP archive
   */
  void check(byte[] archive) {
    if (archive.length < 4 || archive[0] != 'P' || archive[1] != 'K') {
      throw new InvalidDocumentException("the file is not a ZIP archive, as office documents are");
    }
    byte[] buffer = new byte[8192];
    long unpackedTotal = 0;
    int entries = 0;
    // Read the archive as POI will: commons-compress, sequentially, the same options.
    try (ZipArchiveInputStream zip =
        new ZipArchiveInputStream(
            new ByteArrayInputStream(archive), StandardCharsets.UTF_8.name(), false, true)) {
      while (zip.getNextEntry() != null) {
        if (++entries > MAX_ENTRIES) {
          throw new DocumentTooLargeException(
              "the file holds more than " + MAX_ENTRIES + " parts, the most a document may have");
        }
        for (int read; (read = zip.read(buffer, 0, buffer.length)) > 0; ) {
          unpackedTotal += read;
          if (unpackedTotal > limits.maxUnpackedBytes()) {
            throw new DocumentTooLargeException(
                "the file unpacks to more than "
                    + megabytes(limits.maxUnpackedBytes())
                    + ", the most a document may unpack to");
          }
          long unpacked = zip.getUncompressedCount();
          long packed = Math.max(1, zip.getCompressedCount());
          if (unpacked > RATIO_GRACE_BYTES && unpacked > limits.maxCompressionRatio() * packed) {
            throw new DocumentTooLargeException(
                "a part of the file is compressed more than "
                    + Math.round(limits.maxCompressionRatio())
                    + " to 1, which real documents never are (the file looks like a zip bomb)");
          }
        }
      }
    } catch (DocumentTooLargeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidDocumentException("the file is a damaged ZIP archive", e);
    }
    if (entries == 0) {
      throw new InvalidDocumentException("the file is a ZIP archive without any content");
    }
  }

  private static synchronized void alignPoiChecks(DocumentLimits limits) {
    poiMaxRatio = Math.max(poiMaxRatio, limits.maxCompressionRatio());
    // POI refuses entry limits above 4 GiB; no document limit comes near that.
    poiMaxEntryBytes = Math.min(Math.max(poiMaxEntryBytes, limits.maxUnpackedBytes()), 0xFFFFFFFFL);
    ZipSecureFile.setMinInflateRatio(1 / poiMaxRatio);
    ZipSecureFile.setMaxEntrySize(poiMaxEntryBytes);
    ZipSecureFile.setMaxFileCount(MAX_ENTRIES);
    ZipSecureFile.setGraceEntrySize(RATIO_GRACE_BYTES);
  }

  private static String megabytes(long bytes) {
    return bytes >= 1 << 20 ? (bytes >> 20) + " MiB" : bytes + " bytes";
  }
}
