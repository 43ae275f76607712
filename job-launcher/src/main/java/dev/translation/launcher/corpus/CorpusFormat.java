package dev.translation.launcher.corpus;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a batch's input is, and so how it is read and how its output is shaped. */
public enum CorpusFormat {
  /** A folder of documents; each is translated into a file of the same name and format. */
  DOCUMENTS,
  /** One segment per line (UTF-8); the output has the translation of line n on line n. */
  TEXT,
  /** Tab-separated lines; one column is translated and the translation added as the last column. */
  TSV,
  /** One JSON object per line; one string field is translated and the translation added. */
  JSONL;

  /** The name in the API and on the command line. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every API name. */
  public static List<String> apiNames() {
    return Arrays.stream(values()).map(CorpusFormat::apiName).toList();
  }

  /**
   * The format of an API name.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static CorpusFormat fromApiName(String name) {
    for (CorpusFormat format : values()) {
      if (format.apiName().equals(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "format must be one of " + String.join(", ", apiNames()) + ", not " + name);
  }

  /**
   * The format a name suggests: {@code .txt} text, {@code .tsv} TSV, {@code .jsonl} JSONL, anything
   * else (a folder, a document) documents.
   */
  public static CorpusFormat guess(String input) {
    String name = input.toLowerCase(Locale.ROOT);
    int query = name.indexOf('?');
    if (query >= 0) {
      name = name.substring(0, query);
    }
    if (name.endsWith(".txt")) {
      return TEXT;
    }
    if (name.endsWith(".tsv")) {
      return TSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return JSONL;
    }
    return DOCUMENTS;
  }
}
