package dev.translation.launcher.batch;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.TextTranslation;
import dev.translation.launcher.batch.input.CorpusLine;
import dev.translation.launcher.batch.input.CorpusLines;
import dev.translation.launcher.batch.input.CorpusShape;
import dev.translation.launcher.batch.output.AtomicFiles;
import dev.translation.launcher.batch.output.TextStream;
import dev.translation.launcher.corpus.BatchState;
import dev.translation.launcher.corpus.BatchSummary;
import dev.translation.launcher.corpus.CorpusBatch;
import dev.translation.launcher.corpus.ShardState;
import dev.translation.launcher.corpus.ShardSummary;
import dev.translation.launcher.persistence.CorpusBatchRepository;
import dev.translation.launcher.persistence.ShardJobRepository;
import dev.translation.launcher.persistence.ShardSegment;
import dev.translation.launcher.persistence.StoredShard;
import dev.translation.segmentation.TextPiece;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The last step: puts the translations back into the shard's documents, or writes the shard's part
 * of the corpus, and records the shard's summary. The shard that finishes last (the batch row's
 * lock decides which) joins the corpus parts in order, writes {@code summary.json} and closes the
 * batch. Every file appears atomically; the step can run again after a crash and writes the same
 * files.
 */
public class WriteOutputs implements Tasklet {

  private static final Logger log = LoggerFactory.getLogger(WriteOutputs.class);

  static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final CurrentShard current;
  private final ShardTexts texts;
  private final ShardJobRepository jobs;
  private final CorpusBatchRepository batches;
  private final int maxLineBytes;
  private final int maxListed;
  private final Clock clock;
  private final JobRepository jobRepository;
  private final TransactionTemplate transactions;

  public WriteOutputs(
      CurrentShard current,
      ShardTexts texts,
      ShardJobRepository jobs,
      CorpusBatchRepository batches,
      int maxLineBytes,
      int maxListed,
      Clock clock,
      JobRepository jobRepository,
      TransactionTemplate transactions) {
    this.current = current;
    this.texts = texts;
    this.jobs = jobs;
    this.batches = batches;
    this.maxLineBytes = maxLineBytes;
    this.maxListed = maxListed;
    this.clock = clock;
    this.jobRepository = jobRepository;
    this.transactions = transactions;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext)
      throws IOException {
    ShardPlan plan = current.plan();
    ShardAssignment shard = current.assignment();
    batches.phase(shard.batchId(), shard.shard(), "write");
    ShardTally tally = new ShardTally(maxListed);
    TextStream stream = new TextStream(jobs, shard.jobId());
    if (plan.documentsMode()) {
      writeDocuments(plan, stream, tally);
    } else {
      writePart(plan, stream, tally);
    }
    if (stream.hasMore()) {
      throw new BadInputException(
          "the input has fewer texts than when the batch read it: it changed under the batch");
    }
    long fromMemory =
        memoryHits(chunkContext.getStepContext().getStepExecution().getJobExecution());
    boolean merged =
        Boolean.TRUE.equals(transactions.execute(status -> finish(plan, tally, fromMemory)));
    if (merged) {
      // Only once the batch's end is committed: a retry of a failed commit still finds the parts.
      deleteWorkDirectory(plan.workDirectory());
    }
    return RepeatStatus.FINISHED;
  }

  /**
   * Records the shard's end and, when it is the last shard to end, joins the outputs and closes the
   * batch. One short transaction that takes the batch row's lock first, so shards finishing at once
   * take turns.
   *
   * @return whether this shard closed the batch
   */
  private boolean finish(ShardPlan plan, ShardTally tally, long fromMemory) {
    ShardAssignment shard = current.assignment();
    BatchState state = batches.lock(shard.batchId());
    StoredShard stored = batches.shardsForUpdate(shard.batchId()).get(shard.shard());
    ShardSummary summary = tally.summary(stored, fromMemory, clock.instant());
    batches.finishShard(
        shard.batchId(), shard.shard(), ShardState.SUCCEEDED, JSON.writeValueAsString(summary));
    log.info(
        "batch {} shard {}: wrote its outputs ({} items, {} segments, {} failed)",
        shard.batchId(),
        shard.shard(),
        summary.items(),
        summary.segments().total(),
        summary.segments().failed());
    List<StoredShard> shards = batches.shardsForUpdate(shard.batchId());
    if (state.isTerminal() || !shards.stream().allMatch(s -> s.state() == ShardState.SUCCEEDED)) {
      return false;
    }
    try {
      finishBatch(plan, shards);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }

  private void writeDocuments(ShardPlan plan, TextStream stream, ShardTally tally)
      throws IOException {
    for (Path relative : plan.documents()) {
      tally.item();
      ShardTexts.Document document = texts.document(plan.input(), relative);
      String item = relative.toString();
      if (document.problem() != null) {
        tally.problem(item, document.problem());
        continue;
      }
      List<TextTranslation> translations = new ArrayList<>(document.texts().size());
      for (String text : document.texts()) {
        List<TextPiece> pieces = texts.pieces(text);
        if (pieces.isEmpty()) {
          translations.add(new TextTranslation(text, true));
          continue;
        }
        List<ShardSegment> segments = stream.nextText();
        String translation = tally.text(item, segments, true);
        translations.add(new TextTranslation(translation, ShardTally.complete(segments)));
      }
      byte[] translated = document.handler().translate(document.content(), translations);
      Path target =
          outputPath(relative, document.handler().format(), document.handler().outputFormat());
      AtomicFiles.write(
          plan.outputDirectory().resolve(target),
          plan.workDirectory(),
          out -> out.write(translated));
      tally.output(target.toString());
    }
  }

  /**
   * Where a document's translation goes: its own name, or (when its format cannot be written back,
   * as a PDF's text) its name with the output format's extension added, so that {@code a.pdf} and
   * {@code a.txt} in one folder never write the same file.
   */
  private static Path outputPath(Path relative, DocumentFormat format, DocumentFormat output) {
    return format == output
        ? relative
        : relative.resolveSibling(relative.getFileName() + "." + output.extension());
  }

  private void writePart(ShardPlan plan, TextStream stream, ShardTally tally) throws IOException {
    CorpusShape shape = plan.shape();
    AtomicFiles.write(
        plan.part(plan.assignment().shard()),
        plan.workDirectory(),
        out -> {
          BufferedWriter writer =
              new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
          try (CorpusLines lines = CorpusLines.open(plan.input(), maxLineBytes)) {
            lines.skip(plan.lines().first());
            if (plan.header() != null && plan.assignment().shard() == 0) {
              writer.write(shape.header(plan.header(), plan.batch().languages().target()));
              writer.write('\n');
            }
            for (long n = 0; n < plan.lines().size(); n++) {
              CorpusLine line = lines.next();
              if (line == null) {
                throw new BadInputException(
                    "the corpus has fewer lines than when the batch read it: it changed under the"
                        + " batch");
              }
              tally.item();
              writer.write(outputLine(shape, line, stream, tally));
              writer.write('\n');
            }
          }
          writer.flush();
        });
  }

  private String outputLine(
      CorpusShape shape, CorpusLine line, TextStream stream, ShardTally tally) {
    String item = "line " + (line.number() + 1);
    if (line.text() == null) {
      tally.problem(item, line.problem());
      return "";
    }
    CorpusShape.Source source = shape.source(line.text());
    if (source.text() == null) {
      tally.problem(item, "the line " + source.problem());
      return shape.withTranslation(line.text(), null);
    }
    if (texts.pieces(source.text()).isEmpty()) {
      return shape.withTranslation(line.text(), "");
    }
    return shape.withTranslation(line.text(), tally.text(item, stream.nextText(), false));
  }

  private void finishBatch(ShardPlan plan, List<StoredShard> shards) throws IOException {
    CorpusBatch batch = plan.batch();
    List<ShardSummary> summaries = new ArrayList<>();
    for (StoredShard shard : shards) {
      summaries.add(JSON.readValue(shard.summary(), ShardSummary.class));
    }
    if (!plan.documentsMode()) {
      AtomicFiles.write(
          plan.outputDirectory().resolve(plan.outputName()),
          plan.workDirectory(),
          out -> {
            for (int shard = 0; shard < batch.shards(); shard++) {
              try (InputStream part = Files.newInputStream(plan.part(shard))) {
                part.transferTo(out);
              }
            }
          });
    }
    BatchState state = BatchSummary.finalState(summaries);
    BatchSummary summary = BatchSummary.merge(batch, state, summaries, maxListed);
    String json = JSON.writeValueAsString(summary);
    AtomicFiles.write(
        plan.outputDirectory().resolve("summary.json"),
        plan.workDirectory(),
        out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
    batches.finish(batch.id(), state, null, json);
    log.info("batch {} {}: outputs in {}", batch.id(), state.apiName(), plan.outputDirectory());
  }

  /** The memory's answers, counted by the read step (of this attempt or an earlier one). */
  private long memoryHits(JobExecution execution) {
    StepExecution read =
        jobRepository.getLastStepExecution(
            execution.getJobInstance(), CorpusTranslationJobConfiguration.READ_STEP);
    return read == null ? 0 : read.getExecutionContext().getLong(SegmentWriter.MEMORY_HITS, 0L);
  }

  private static void deleteWorkDirectory(Path work) throws IOException {
    try (Stream<Path> files = Files.walk(work)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
