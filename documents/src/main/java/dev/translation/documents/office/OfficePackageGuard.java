package dev.translation.documents.office;

import dev.translation.documents.DocumentLimits;
import dev.translation.documents.DocumentTooLargeException;
import dev.translation.documents.InvalidDocumentException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipInputStream;
import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * Refuses zip bombs before POI opens an office file: inflates every entry once, counting the bytes
 * it really unpacks to (the sizes an archive declares can lie), and stops at the first limit
 * exceeded, so a hostile file costs at most {@link DocumentLimits#maxUnpackedBytes()} of reading
 * and no memory.
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

  /**
   * Reads through the whole archive.
   *
   * @throws DocumentTooLargeException when it holds too many entries, unpacks to too much, or an
   *     entry is compressed suspiciously well
   * @throws InvalidDocumentException when it is not a readable ZIP archive
   */
  void check(byte[] archive) {
    CountingInputStream packed = new CountingInputStream(new ByteArrayInputStream(archive));
    byte[] buffer = new byte[8192];
    long unpackedTotal = 0;
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(packed)) {
      while (zip.getNextEntry() != null) {
        if (++entries > MAX_ENTRIES) {
          throw new DocumentTooLargeException(
              "the file holds more than " + MAX_ENTRIES + " parts, the most a document may have");
        }
        long packedAtStart = packed.count();
        long unpacked = 0;
        for (int read; (read = zip.read(buffer)) > 0; ) {
          unpacked += read;
          unpackedTotal += read;
          if (unpackedTotal > limits.maxUnpackedBytes()) {
            throw new DocumentTooLargeException(
                "the file unpacks to more than "
                    + megabytes(limits.maxUnpackedBytes())
                    + ", the most a document may unpack to");
          }
          // What the inflater has consumed so far: exact up to ZipInputStream's read-ahead buffer.
          long packedBytes = Math.max(1, packed.count() - packedAtStart);
          if (unpacked > RATIO_GRACE_BYTES
              && unpacked > limits.maxCompressionRatio() * packedBytes) {
            throw new DocumentTooLargeException(
                "a part of the file is compressed more than "
                    + Math.round(limits.maxCompressionRatio())
                    + " to 1, which real documents never are (the file looks like a zip bomb)");
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidDocumentException("the file is a damaged ZIP archive", e);
    }
    if (entries == 0) {
      throw new InvalidDocumentException("the file is not a ZIP archive, as office documents are");
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

  /** Counts the bytes read through it: the packed bytes the inflater has consumed. */
  private static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int read = super.read(b, off, len);
      if (read > 0) {
        count += read;
      }
      return read;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }
}
