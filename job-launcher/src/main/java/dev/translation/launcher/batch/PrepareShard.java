package dev.translation.launcher.batch;

import dev.translation.documents.DocumentException;
import dev.translation.documents.FormatHandlers;
import dev.translation.documents.UnsupportedDocumentException;
import dev.translation.launcher.batch.input.CorpusLine;
import dev.translation.launcher.batch.input.CorpusLines;
import dev.translation.launcher.batch.input.CorpusShape;
import dev.translation.launcher.batch.input.DocumentFolder;
import dev.translation.launcher.batch.input.InputLocator;
import dev.translation.launcher.batch.input.LineRange;
import dev.translation.launcher.corpus.CorpusBatch;
import dev.translation.launcher.corpus.CorpusFormat;
import dev.translation.launcher.persistence.CorpusBatchRepository;
import dev.translation.launcher.persistence.ShardJobRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The first step of every attempt: counts the attempt, finds the input (fetching a URL once into
 * the work directory), checks it can be read, and works out this shard's share. Everything that
 * makes a batch fail for bad input is found here, before any segment is written.
 */
public class PrepareShard implements Tasklet {

  private static final Logger log = LoggerFactory.getLogger(PrepareShard.class);

  private final CurrentShard current;
  private final CorpusBatchRepository batches;
  private final ShardJobRepository jobs;
  private final InputLocator locator;
  private final FormatHandlers handlers;
  private final int maxLineBytes;

  public PrepareShard(
      CurrentShard current,
      CorpusBatchRepository batches,
      ShardJobRepository jobs,
      InputLocator locator,
      FormatHandlers handlers,
      int maxLineBytes) {
    this.current = current;
    this.batches = batches;
    this.jobs = jobs;
    this.locator = locator;
    this.handlers = handlers;
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext)
      throws IOException {
    ShardAssignment assignment = current.assignment();
    CorpusBatch batch =
        batches
            .find(assignment.batchId())
            .orElseThrow(() -> new BadInputException("no batch " + assignment.batchId()));
    if (assignment.shard() >= batch.shards()) {
      throw new BadInputException(
          "batch "
              + batch.id()
              + " has "
              + batch.shards()
              + " shards, not "
              + (assignment.shard() + 1));
    }
    if (batches.state(batch.id()).isTerminal()) {
      // A process started just before its batch was cancelled (or failed) does no work.
      throw new BatchEndedException(
          "batch " + batch.id() + " is " + batches.state(batch.id()).apiName() + "; nothing to do");
    }
    int attempt = batches.startAttempt(batch.id(), assignment.shard());
    batches.phase(batch.id(), assignment.shard(), "prepare");
    log.info(
        "batch {} shard {}/{}: attempt {}",
        batch.id(),
        assignment.shard(),
        batch.shards(),
        attempt);
    Path output = locator.outputDirectory(batch.output());
    Path work = output.resolve(".work");
    Files.createDirectories(work);
    ShardPlan plan =
        batch.format() == CorpusFormat.DOCUMENTS
            ? documents(batch, assignment, output, work)
            : corpus(batch, assignment, output, work);
    checkUnchanged(
        chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext(),
        fingerprint(plan));
    // Only input that reads gets a job: a batch that fails for bad input leaves no empty jobs.
    jobs.createIfMissing(assignment.jobId(), batch);
    batches.attachJob(batch.id(), assignment.shard(), assignment.jobId());
    batches.itemsTotal(batch.id(), assignment.shard(), plan.items());
    current.plan(plan);
    return RepeatStatus.FINISHED;
  }

  private static final String FINGERPRINT = "input.fingerprint";

  /**
   * The input as this shard sees it: segments are matched back to lines and documents by order
   * alone, so a retry must see exactly what the first attempt read.
   */
  private static String fingerprint(ShardPlan plan) throws IOException {
    StringBuilder print = new StringBuilder();
    if (plan.documentsMode()) {
      for (Path document : plan.documents()) {
        Path file = DocumentFolder.resolve(plan.input(), document);
        print
            .append(document)
            .append(' ')
            .append(Files.size(file))
            .append(' ')
            .append(Files.getLastModifiedTime(file).toMillis())
            .append('\n');
      }
    } else {
      print
          .append(Files.size(plan.input()))
          .append(' ')
          .append(Files.getLastModifiedTime(plan.input()).toMillis())
          .append(' ')
          .append(plan.lines());
    }
    return dev.translation.contracts.Sha256.hex(print.toString());
  }

  /** Remembers the input's fingerprint with the job (kept across restarts), or compares with it. */
  private static void checkUnchanged(
      org.springframework.batch.infrastructure.item.ExecutionContext job, String fingerprint) {
    String first = job.containsKey(FINGERPRINT) ? job.getString(FINGERPRINT) : null;
    if (first == null) {
      job.putString(FINGERPRINT, fingerprint);
    } else if (!first.equals(fingerprint)) {
      throw new BadInputException(
          "the input changed after the batch started reading it (files added, removed or"
              + " rewritten); launch a new batch for the new input");
    }
  }

  private ShardPlan corpus(CorpusBatch batch, ShardAssignment assignment, Path output, Path work)
      throws IOException {
    Path file;
    String name;
    if (batch.inputIsUrl()) {
      name = urlFileName(batch);
      file = locator.download(batch.input(), work.resolve("input").resolve(name));
    } else {
      file = locator.localInput(batch.input());
      if (!Files.isRegularFile(file)) {
        throw new BadInputException(
            "input "
                + batch.input()
                + " is a folder; a "
                + batch.format().apiName()
                + " corpus is one file");
      }
      name = file.getFileName().toString();
    }
    long count = CorpusLines.count(file);
    String header = null;
    if (batch.hasHeader()) {
      try (CorpusLines lines = CorpusLines.open(file, maxLineBytes)) {
        CorpusLine first = lines.next();
        if (first == null || first.text() == null) {
          throw new BadInputException("the corpus has no header line");
        }
        header = first.text();
      }
    }
    CorpusShape shape = CorpusShape.of(batch, header);
    LineRange range =
        LineRange.shard(header == null ? 0 : 1, count, assignment.shard(), batch.shards());
    return new ShardPlan(
        batch, assignment, file, output, work, range, header, shape, List.of(), name);
  }

  private ShardPlan documents(
      CorpusBatch batch, ShardAssignment assignment, Path output, Path work) {
    if (batch.inputIsUrl()) {
      throw new BadInputException(
          "documents are read from a folder on the input volume, not a URL");
    }
    Path input = locator.localInput(batch.input());
    List<Path> mine = DocumentFolder.shard(input, assignment.shard(), batch.shards());
    List<String> unsupported = new ArrayList<>();
    for (Path document : mine) {
      Path file = DocumentFolder.resolve(input, document);
      try {
        if (Files.size(file) > ShardTexts.MAX_DOCUMENT_BYTES) {
          continue; // reported with the document when it is read; it is never loaded
        }
        handlers.forFile(Files.readAllBytes(file), file.getFileName().toString());
      } catch (UnsupportedDocumentException e) {
        unsupported.add(document + " (" + e.getMessage() + ")");
      } catch (DocumentException malformed) {
        // Reported with the document when it is read; the others are still translated.
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!unsupported.isEmpty()) {
      throw new BadInputException(
          unsupported.size() + " files cannot be translated: " + String.join("; ", unsupported));
    }
    return new ShardPlan(batch, assignment, input, output, work, null, null, null, mine, null);
  }

  private static String urlFileName(CorpusBatch batch) {
    String path = URI.create(batch.input()).getPath();
    String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    if (last.isBlank() || last.startsWith(".") || !last.matches("[\\w.\\-]+")) {
      return "corpus." + batch.format().apiName().replace("text", "txt");
    }
    return last;
  }
}
