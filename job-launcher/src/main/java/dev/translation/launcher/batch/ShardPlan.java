package dev.translation.launcher.batch;

import dev.translation.launcher.batch.input.CorpusShape;
import dev.translation.launcher.batch.input.LineRange;
import dev.translation.launcher.corpus.CorpusBatch;
import java.nio.file.Path;
import java.util.List;

/**
 * What one attempt of a shard works on, worked out by the prepare step from the batch and the input
 * as it is now (the same every attempt, since the input does not change under a batch).
 *
 * @param batch the batch
 * @param assignment the shard
 * @param input the corpus file, or the documents' folder (or single document)
 * @param outputDirectory where outputs go
 * @param workDirectory where outputs are written before they are renamed into place, and where a
 *     fetched corpus is kept
 * @param lines the corpus lines of this shard (null for documents)
 * @param header the TSV header line, when there is one
 * @param shape how a corpus line holds its text (null for documents)
 * @param documents the documents of this shard, relative to {@code input} (empty for corpora)
 * @param outputName the corpus output's file name (null for documents)
 */
public record ShardPlan(
    CorpusBatch batch,
    ShardAssignment assignment,
    Path input,
    Path outputDirectory,
    Path workDirectory,
    LineRange lines,
    String header,
    CorpusShape shape,
    List<Path> documents,
    String outputName) {

  /** Whether this shard translates documents rather than corpus lines. */
  public boolean documentsMode() {
    return lines == null;
  }

  /** Lines or documents this shard reads. */
  public long items() {
    return documentsMode() ? documents.size() : lines.size();
  }

  /** Where this shard's part of a corpus output is written. */
  public Path part(int shard) {
    return workDirectory.resolve("part-" + shard);
  }
}
