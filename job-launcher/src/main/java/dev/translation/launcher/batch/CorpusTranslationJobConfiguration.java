package dev.translation.launcher.batch;

import dev.translation.documents.DocumentLimits;
import dev.translation.documents.FormatHandlers;
import dev.translation.launcher.batch.input.InputLocator;
import dev.translation.launcher.config.LauncherProperties;
import dev.translation.launcher.corpus.CorpusFormat;
import dev.translation.launcher.persistence.CorpusBatchRepository;
import dev.translation.launcher.persistence.ShardJobRepository;
import dev.translation.outbox.OutboxRelay;
import dev.translation.outbox.OutboxRepository;
import dev.translation.outbox.TranslationBatchMessages;
import dev.translation.outbox.TranslationBatchMessages.SegmentToPublish;
import java.time.Clock;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The corpus translation job a batch runner runs for one shard: prepare (find and check the input)
 * -> read (segment, answer from the translation memory, write segments) -> publish (pending
 * segments to the batch lane through the outbox) -> await (the workers' results) -> write (outputs
 * and summary). Read and publish are chunk-oriented and resume from their last committed chunk;
 * prepare runs on every attempt; await and write can simply run again.
 */
@Configuration(proxyBeanMethods = false)
@Profile(BatchRunner.PROFILE)
public class CorpusTranslationJobConfiguration {

  /** The Spring Batch job's name. */
  public static final String JOB = "corpus-translation";

  static final String PREPARE_STEP = "prepare";
  static final String READ_STEP = "read";
  static final String PUBLISH_STEP = "publish";
  static final String AWAIT_STEP = "await";
  static final String WRITE_STEP = "write";

  /**
   * For the prepare and write steps: their statements commit one by one, so neither holds a row
   * lock while it downloads, counts or writes files (another shard finishing would wait on it).
   * Both are idempotent, and the write step's finish is a short transaction of its own.
   */
  private static final DefaultTransactionAttribute WITHOUT_TRANSACTION =
      new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);

  /** The longest corpus line read into memory; a longer line is reported and skipped. */
  static final int MAX_LINE_BYTES = 128 << 10;

  @Bean
  CurrentShard currentShard(Environment environment) {
    String batchId = environment.getProperty(BatchRunner.BATCH_ID_ARGUMENT);
    if (batchId == null || batchId.isBlank()) {
      throw new IllegalArgumentException("--run needs --" + BatchRunner.BATCH_ID_ARGUMENT + "=ID");
    }
    return new CurrentShard(
        new ShardAssignment(
            batchId,
            ShardAssignment.shardFrom(environment.getProperty(ShardAssignment.COMPLETION_INDEX))));
  }

  @Bean
  ShardTexts shardTexts(
      CurrentShard current, CorpusBatchRepository batches, LauncherProperties properties) {
    String source =
        batches
            .find(current.assignment().batchId())
            .map(batch -> batch.languages().source())
            .orElse("und");
    return new ShardTexts(
        FormatHandlers.all(DocumentLimits.DEFAULTS),
        properties.runner().maxSegmentCharacters(),
        source);
  }

  @Bean
  GracefulStop gracefulStop() {
    return new GracefulStop();
  }

  @Bean
  AwaitResults awaitResults(
      CurrentShard current,
      ShardJobRepository jobs,
      CorpusBatchRepository batches,
      LauncherProperties properties,
      Clock clock) {
    return new AwaitResults(
        current,
        jobs,
        batches,
        properties.runner().pollInterval(),
        properties.runner().kafkaTimeout(),
        clock);
  }

  @Bean
  Job corpusTranslationJob(
      JobRepository repository,
      PlatformTransactionManager transactions,
      CurrentShard current,
      ShardTexts texts,
      CorpusBatchRepository batches,
      ShardJobRepository jobs,
      OutboxRepository outbox,
      OutboxRelay relay,
      AwaitResults await,
      GracefulStop stop,
      LauncherProperties properties,
      Clock clock) {
    LauncherProperties.Runner runner = properties.runner();
    Step prepare =
        new StepBuilder(PREPARE_STEP, repository)
            .tasklet(
                new PrepareShard(
                    current,
                    batches,
                    jobs,
                    new InputLocator(properties.storage()),
                    FormatHandlers.all(DocumentLimits.DEFAULTS),
                    MAX_LINE_BYTES),
                transactions)
            .transactionAttribute(WITHOUT_TRANSACTION)
            .allowStartIfComplete(true)
            .listener((StepExecutionListener) stop)
            .build();
    Step read =
        new StepBuilder(READ_STEP, repository)
            .<SegmentedItem, SegmentedItem>chunk(readChunkSize(current, batches, runner))
            .reader(new ShardItemReader(current, texts, MAX_LINE_BYTES))
            .writer(new SegmentWriter(current, jobs, batches))
            .transactionManager(transactions)
            .listener((StepExecutionListener) stop)
            .build();
    Step publish =
        new StepBuilder(PUBLISH_STEP, repository)
            .<SegmentToPublish, SegmentToPublish>chunk(runner.segmentsPerPublishChunk())
            .reader(new PendingSegmentReader(current, jobs))
            .writer(
                new OutboxWriter(
                    current,
                    new TranslationBatchMessages(
                        runner.segmentsPerMessage(), runner.charactersPerMessage()),
                    outbox,
                    relay,
                    batches,
                    clock))
            .transactionManager(transactions)
            .listener((StepExecutionListener) stop)
            .build();
    Step awaitStep =
        new StepBuilder(AWAIT_STEP, repository)
            .tasklet(await, transactions)
            .listener((StepExecutionListener) stop)
            .build();
    Step write =
        new StepBuilder(WRITE_STEP, repository)
            .tasklet(
                new WriteOutputs(
                    current,
                    texts,
                    jobs,
                    batches,
                    MAX_LINE_BYTES,
                    runner.maxReportedFailures(),
                    clock,
                    repository,
                    new TransactionTemplate(transactions)),
                transactions)
            .transactionAttribute(WITHOUT_TRANSACTION)
            .listener((StepExecutionListener) stop)
            .build();
    return new JobBuilder(JOB, repository)
        .listener(new ShardFailureListener(current, batches))
        .start(prepare)
        .next(read)
        .next(publish)
        .next(awaitStep)
        .next(write)
        .build();
  }

  /**
   * Documents are read a few at a time (one may hold thousands of segments), lines by the thousand.
   */
  private static int readChunkSize(
      CurrentShard current, CorpusBatchRepository batches, LauncherProperties.Runner runner) {
    boolean documents =
        batches
            .find(current.assignment().batchId())
            .filter(batch -> batch.format() == CorpusFormat.DOCUMENTS)
            .isPresent();
    return documents ? runner.documentsPerChunk() : runner.linesPerChunk();
  }
}
