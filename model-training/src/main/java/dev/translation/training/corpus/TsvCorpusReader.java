package dev.translation.training.corpus;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and writes parallel corpora as UTF-8 text with one {@code source<TAB>target} pair per line,
 * the plain format most corpus tools exchange.
 *
 * <p>Reading is lenient where it can be: blank lines are skipped, columns after the second are
 * ignored (many corpora carry ids or scores there), and a leading byte order mark is dropped. A
 * line with fewer than two columns is an error, since guessing which side is missing would silently
 * corrupt the data.
 */
public final class TsvCorpusReader {

  private static final Pattern LAYOUT_CHARACTERS = Pattern.compile("[\\t\\r\\n]");
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private TsvCorpusReader() {}

  /**
   * Reads all pairs of a tab-separated file in file order.
   *
   * @throws IllegalArgumentException naming the file and the 1-based line number of the first
   *     non-blank line that has no tab
   * @throws IOException if the file cannot be read
   */
  public static List<SentencePair> read(Path file) throws IOException {
    List<SentencePair> pairs = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        String[] columns = line.split("\t", -1);
        if (columns.length < 2) {
          throw new IllegalArgumentException(
              "%s:%d: expected source<TAB>target but found no tab".formatted(file, lineNumber));
        }
        pairs.add(new SentencePair(columns[0], columns[1]));
      }
    }
    return pairs;
  }

  /**
   * Writes pairs as {@code source<TAB>target} lines, creating missing parent directories. Tabs and
   * line breaks inside a field become spaces so that every pair reads back as exactly one line.
   *
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, List<SentencePair> pairs) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (SentencePair pair : pairs) {
        writer.write(flatten(pair.source()));
        writer.write('\t');
        writer.write(flatten(pair.target()));
        writer.write('\n');
      }
    }
  }

  private static String flatten(String field) {
    return LAYOUT_CHARACTERS.matcher(field).replaceAll(" ");
  }
}
