package dev.translation.launcher.corpus;

import dev.translation.contracts.LanguagePair;
import java.util.Optional;

/**
 * A launched batch as its runner needs it: what to read, how to split it, where to write.
 *
 * @param id the batch id (lower-case letters, digits, dashes)
 * @param apiKeyId the owner, who also owns the shards' translation jobs
 * @param input a path below the input root, or an http(s) URL
 * @param format what the input is
 * @param field the TSV column (1-based number, or a header name) or the JSONL field; null for
 *     documents and plain text
 * @param hasHeader whether a TSV corpus starts with a header line
 * @param output the output directory, below the output root
 * @param languages source and target language
 * @param shards how many shards share the input
 */
public record CorpusBatch(
    String id,
    long apiKeyId,
    String input,
    CorpusFormat format,
    String field,
    boolean hasHeader,
    String output,
    LanguagePair languages,
    int shards) {

  /** The TSV column or JSONL field, when the format has one. */
  public Optional<String> fieldName() {
    return Optional.ofNullable(field);
  }

  /** Whether the input is fetched from the web rather than read from the input volume. */
  public boolean inputIsUrl() {
    return input.startsWith("http://") || input.startsWith("https://");
  }
}
