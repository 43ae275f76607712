package dev.translation.launcher.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.contracts.LanguagePair;
import dev.translation.contracts.Topics;
import dev.translation.launcher.LauncherApplication;
import dev.translation.launcher.TestWorkers;
import dev.translation.launcher.corpus.BatchPriority;
import dev.translation.launcher.corpus.CorpusBatch;
import dev.translation.launcher.corpus.CorpusFormat;
import dev.translation.launcher.kubernetes.BatchExitCodes;
import dev.translation.launcher.persistence.CorpusBatchRepository;
import dev.translation.testfixtures.DatabaseEndpoint;
import dev.translation.testfixtures.PipelineRows;
import dev.translation.testfixtures.SharedFixtures;
import dev.translation.topics.PipelineTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The batch runner against a real MySQL-compatible server and a real Kafka, the test playing the
 * workers: it reads the batch lane and writes results as a worker does.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CorpusBatchRunIT {

  static DatabaseEndpoint database;
  static DataSource dataSource;
  static JdbcClient jdbc;
  static PipelineRows rows;
  static CorpusBatchRepository batches;
  static long apiKey;

  @TempDir Path input;
  @TempDir Path output;

  private TestWorkers workers;

  @BeforeAll
  static void startServers() throws Exception {
    database = SharedFixtures.database().createDatabase("launcher_run");
    Flyway.configure()
        .dataSource(database.jdbcUrl(), database.username(), database.password())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    dataSource =
        new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
    jdbc = JdbcClient.create(dataSource);
    rows = new PipelineRows(dataSource);
    batches = new CorpusBatchRepository(jdbc);
    apiKey = rows.insertApiKey("batch owner");
    PipelineTopics.create(SharedFixtures.kafka().bootstrapServers(), Topics.ALL, (short) 1);
  }

  @AfterEach
  void stopWorkers() {
    if (workers != null) {
      workers.close();
    }
  }

  @Test
  void restartAfterAFailedChunkWritesExactlyTheRest() throws Exception {
    List<String> lines =
        IntStream.range(0, 5000).mapToObj(n -> "Das ist Zeile " + n + ".").toList();
    Files.write(input.resolve("corpus.txt"), lines, StandardCharsets.UTF_8);
    String batch = launch("corpus.txt", CorpusFormat.TEXT, null, false, 1);
    String job = new ShardAssignment(batch, 0).jobId();
    jdbc.sql(
            "CREATE TRIGGER fail_chunk_three BEFORE INSERT ON segments FOR EACH ROW BEGIN IF"
                + " NEW.job_id = '"
                + job
                + "' AND NEW.idx = 2500 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'disk"
                + " full'; END IF; END")
        .update();
    int firstAttempt;
    try {
      firstAttempt = run(batch, 0);
    } finally {
      jdbc.sql("DROP TRIGGER fail_chunk_three").update();
    }

    assertThat(firstAttempt).isEqualTo(BatchExitCodes.TRANSIENT);
    // Chunks of 1,000 lines: the first two committed, the third (idx 2000-2999) rolled back.
    assertThat(segmentCount(job)).isEqualTo(2000);
    assertThat(totalSegments(job)).isEqualTo(2000);

    TestWorkers workers = startWorkers();
    int secondAttempt = run(batch, 0);
    Map<Integer, Integer> published = workers.requested(job);

    assertThat(secondAttempt).isEqualTo(BatchExitCodes.SUCCEEDED);
    assertThat(segmentCount(job)).isEqualTo(5000);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM segments WHERE job_id = ? AND idx = text_idx")
                .params(job)
                .query(Long.class)
                .single())
        .isEqualTo(5000);
    assertThat(published).hasSize(5000).allSatisfy((index, times) -> assertThat(times).isOne());
    List<String> translated = Files.readAllLines(output.resolve(batch + "/corpus.txt"));
    assertThat(translated)
        .containsExactlyElementsOf(lines.stream().map(line -> "en " + line).toList());
    String summary = Files.readString(output.resolve(batch + "/summary.json"));
    assertThat(summary)
        .contains("\"state\" : \"succeeded\"", "\"attempts\" : 2", "\"total\" : 5000");
    assertThat(output.resolve(batch + "/.work")).doesNotExist();
    assertThat(batchStatus(batch)).isEqualTo("SUCCEEDED");
  }

  @Test
  void kafkaRefusingTheMessagesFailsTheAttemptAsTransientAndKeepsThem() throws Exception {
    Files.write(input.resolve("offline.txt"), List.of("Eins.", "Zwei.", "Drei."));
    String batch = launch("offline.txt", CorpusFormat.TEXT, null, false, 1);
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    int exit =
        run(
            batch,
            0,
            "--spring.kafka.bootstrap-servers=127.0.0.1:" + closedPort,
            "--translation.launcher.runner.kafka-timeout=3s");

    assertThat(exit).isEqualTo(BatchExitCodes.TRANSIENT);
    String job = new ShardAssignment(batch, 0).jobId();
    assertThat(
            jdbc.sql(
                    "SELECT COUNT(*) FROM outbox WHERE aggregate_id = ? AND published_at IS NULL"
                        + " AND attempts > 0")
                .params(job)
                .query(Long.class)
                .single())
        .isOne();
    assertThat(batchStatus(batch)).isEqualTo("RUNNING");

    startWorkers();
    assertThat(run(batch, 0)).isEqualTo(BatchExitCodes.SUCCEEDED);
    assertThat(Files.readAllLines(output.resolve(batch + "/offline.txt")))
        .containsExactly("en Eins.", "en Zwei.", "en Drei.");
  }

  @Test
  void aRetryThatFindsTheInputChangedFailsAsBadInputInsteadOfMisplacingTranslations()
      throws Exception {
    Path corpus = input.resolve("changing.txt");
    Files.write(corpus, IntStream.range(0, 300).mapToObj(n -> "Zeile " + n + ".").toList());
    String batch = launch("changing.txt", CorpusFormat.TEXT, null, false, 1);
    String job = new ShardAssignment(batch, 0).jobId();
    jdbc.sql(
            "CREATE TRIGGER fail_changing BEFORE INSERT ON segments FOR EACH ROW BEGIN IF"
                + " NEW.job_id = '"
                + job
                + "' AND NEW.idx = 150 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'lost';"
                + " END IF; END")
        .update();
    try {
      assertThat(run(batch, 0, "--translation.launcher.runner.lines-per-chunk=100"))
          .isEqualTo(BatchExitCodes.TRANSIENT);
    } finally {
      jdbc.sql("DROP TRIGGER fail_changing").update();
    }
    Files.write(corpus, List.of("Eine neue erste Zeile."), java.nio.file.StandardOpenOption.APPEND);

    int retry = run(batch, 0, "--translation.launcher.runner.lines-per-chunk=100");

    assertThat(retry).isEqualTo(BatchExitCodes.BAD_INPUT);
    assertThat(
            jdbc.sql("SELECT reason FROM corpus_batch_shards WHERE batch_id = ?")
                .params(batch)
                .query(String.class)
                .single())
        .startsWith("the input changed after the batch started reading it");
    assertThat(segmentCount(job)).isEqualTo(100);
  }

  @Test
  void badInputFailsAtOnceWithTheReason() {
    String batch = launch("no-such-corpus.txt", CorpusFormat.TEXT, null, false, 1);

    int exit = run(batch, 0);

    assertThat(exit).isEqualTo(BatchExitCodes.BAD_INPUT);
    assertThat(
            jdbc.sql(
                    "SELECT CONCAT(status, ': ', reason) FROM corpus_batch_shards WHERE batch_id = ?")
                .params(batch)
                .query(String.class)
                .single())
        .isEqualTo("FAILED: no such input: no-such-corpus.txt");
    assertThat(jobOf(batch, 0)).isNull();
  }

  @Test
  void aPathOutsideTheInputVolumeIsBadInput() {
    String batch = launch("../../etc/passwd", CorpusFormat.TEXT, null, false, 1);

    assertThat(run(batch, 0)).isEqualTo(BatchExitCodes.BAD_INPUT);
    assertThat(
            jdbc.sql("SELECT reason FROM corpus_batch_shards WHERE batch_id = ?")
                .params(batch)
                .query(String.class)
                .single())
        .contains("leads outside the input volume");
  }

  @Test
  void twoShardsOfATsvCorpusJoinInOrderWithTheHeaderAndBadLinesKept() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("id\ttext");
    for (int n = 0; n < 99; n++) {
      lines.add(n == 41 ? "41" : n + "\tSatz " + n + ".");
    }
    Files.write(input.resolve("pairs.tsv"), lines, StandardCharsets.UTF_8);
    String batch = launch("pairs.tsv", CorpusFormat.TSV, "text", true, 2);

    startWorkers();
    int first = run(batch, 0);
    String stateAfterFirst = batchStatus(batch);
    int second = run(batch, 1);

    assertThat(first).isEqualTo(BatchExitCodes.SUCCEEDED);
    assertThat(stateAfterFirst).isEqualTo("RUNNING");
    assertThat(second).isEqualTo(BatchExitCodes.SUCCEEDED);
    List<String> translated = Files.readAllLines(output.resolve(batch + "/pairs.tsv"));
    assertThat(translated).hasSize(100);
    assertThat(translated.getFirst()).isEqualTo("id\ttext\ttranslation_en");
    assertThat(translated.get(1)).isEqualTo("0\tSatz 0.\ten Satz 0.");
    assertThat(translated.get(42)).isEqualTo("41\t");
    assertThat(translated.get(99)).isEqualTo("98\tSatz 98.\ten Satz 98.");
    String summary = Files.readString(output.resolve(batch + "/summary.json"));
    assertThat(summary)
        .contains(
            "\"state\" : \"partially_failed\"", "line 43", "has 1 columns, column 2 was asked for");
    assertThat(batchStatus(batch)).isEqualTo("PARTIALLY_FAILED");
  }

  private String launch(String in, CorpusFormat format, String field, boolean header, int shards) {
    String id = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    batches.create(
        new CorpusBatch(
            id, apiKey, in, format, field, header, id, LanguagePair.GERMAN_TO_ENGLISH, shards),
        BatchPriority.NORMAL,
        "LOCAL");
    return id;
  }

  private int run(String batch, int shard, String... overrides) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--run",
                "--batch-id=" + batch,
                "--JOB_COMPLETION_INDEX=" + shard,
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.kafka.bootstrap-servers=" + SharedFixtures.kafka().bootstrapServers(),
                "--translation.launcher.storage.input-root=" + input,
                "--translation.launcher.storage.output-root=" + output,
                "--translation.launcher.runner.poll-interval=100ms",
                "--translation.launcher.relay.interval=200ms"));
    // Spring joins repeated options into a list, so an override replaces the default instead.
    for (String override : overrides) {
      String name = override.substring(0, override.indexOf('=') + 1);
      args.removeIf(arg -> arg.startsWith(name));
      args.add(override);
    }
    return BatchRunner.run(LauncherApplication.class, args.toArray(String[]::new));
  }

  private TestWorkers startWorkers() {
    workers = new TestWorkers(SharedFixtures.kafka().bootstrapServers(), dataSource, "en ");
    return workers;
  }

  private static String jobOf(String batch, int shard) {
    return jdbc.sql("SELECT job_id FROM corpus_batch_shards WHERE batch_id = ? AND shard_index = ?")
        .params(batch, shard)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private static long segmentCount(String job) {
    return jdbc.sql("SELECT COUNT(*) FROM segments WHERE job_id = ?")
        .params(job)
        .query(Long.class)
        .single();
  }

  private static int totalSegments(String job) {
    return jdbc.sql("SELECT total_segments FROM jobs WHERE id = ?")
        .params(job)
        .query(Integer.class)
        .single();
  }

  private static String batchStatus(String batch) {
    return jdbc.sql("SELECT status FROM corpus_batches WHERE id = ?")
        .params(batch)
        .query(String.class)
        .single();
  }

  static String read(Path file) throws IOException {
    return Files.readString(file);
  }
}
