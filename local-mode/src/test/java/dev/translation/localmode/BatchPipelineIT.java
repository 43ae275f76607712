package dev.translation.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.documents.DocumentLimits;
import dev.translation.documents.FormatHandlers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Corpus batches through the whole pipeline in local mode: {@code bin/launcher} (as its own
 * process) launches them on the job launcher, whose local executor runs the batch runner as child
 * processes; the segments go through real Kafka to the real batch worker and the starter model, and
 * come back through MariaDB into the output files.
 */
class BatchPipelineIT {

  private static final FormatHandlers FORMATS = FormatHandlers.all(DocumentLimits.DEFAULTS);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static Path root;
  private static Path data;
  private static Path input;
  private static LocalPipeline pipeline;

  @BeforeAll
  static void start() throws Exception {
    root =
        BuiltRepository.withJars(
            "submit-api/target/submit-api.jar",
            "worker/target/worker.jar",
            "job-launcher/target/job-launcher.jar",
            "translate-cli/target/translate-cli.jar");
    data = Files.createTempDirectory("batch-pipeline-it");
    input = Files.createDirectories(data.resolve("input"));
    pipeline =
        new LocalPipeline(
                new LocalPipeline.Settings(
                    data,
                    root,
                    root.resolve("models/de-en-starter/4"),
                    BuiltRepository.freePort(),
                    List.of(BuiltRepository.freePort(), BuiltRepository.freePort()),
                    null,
                    null,
                    Map.of(),
                    new LocalPipeline.Launcher(BuiltRepository.freePort(), input)))
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
    TestData.keepOnlyLogs(data);
  }

  @Test
  void aCorpusOfFiveThousandLinesIsTranslatedLineForLineInTwoShards() throws Exception {
    List<String> sources = germanSentences(5000);
    Files.write(input.resolve("corpus.txt"), sources, StandardCharsets.UTF_8);

    CommandLineRun run =
        launcher("launch", "corpus.txt", "--output", "corpus", "--shards", "2", "--wait");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    Path output = pipeline.batchOutputRoot().resolve("corpus");
    List<String> translations = Files.readAllLines(output.resolve("corpus.txt"));
    assertThat(translations).hasSize(5000).allSatisfy(line -> assertThat(line).isNotBlank());
    // Line for line: the same source has the same translation wherever it stands. The engine caps
    // an output at twice the longest input of its model batch, so a sentence the starter model
    // never ends (it repeats words) may stop earlier in one batch than in another: then one
    // translation begins the other. A line put in another line's place would read differently.
    for (int i = 0; i < sources.size(); i++) {
      String here = translations.get(i);
      String there = translations.get(sources.indexOf(sources.get(i)));
      assertThat(here.startsWith(there) || there.startsWith(here))
          .as("line %d: '%s' against '%s'", i + 1, here, there)
          .isTrue();
    }
    JsonNode summary = JSON.readTree(output.resolve("summary.json").toFile());
    assertThat(summary.path("state").asString()).isEqualTo("succeeded");
    assertThat(summary.path("items").asLong()).isEqualTo(5000);
    assertThat(summary.path("segments").path("failed").asLong()).isZero();
    assertThat(summary.path("shards")).hasSize(2);
    assertThat(summary.path("modelVersions").propertyNames()).containsExactly("de-en-starter@4");
  }

  @Test
  void aFolderOfMixedDocumentsComesBackWithItsNamesAndFormats() throws Exception {
    Path folder = Files.createDirectories(input.resolve("documents"));
    List<Path> samples = new ArrayList<>();
    try (Stream<Path> files = Files.list(root.resolve("documents/src/test/resources/samples"))) {
      for (Path sample : files.sorted().toList()) {
        samples.add(Files.copy(sample, folder.resolve(sample.getFileName())));
      }
    }

    CommandLineRun run =
        launcher("launch", "documents/", "--output", "documents", "--shards", "3", "--wait");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    Path output = pipeline.batchOutputRoot().resolve("documents");
    SoftAssertions softly = new SoftAssertions();
    for (Path sample : samples) {
      String name = sample.getFileName().toString();
      byte[] original = Files.readAllBytes(sample);
      var handler = FORMATS.forFile(original, name);
      Path translated =
          output.resolve(
              handler.outputFormat() == handler.format()
                  ? name
                  : name + "." + handler.outputFormat().extension());
      softly.assertThat(translated).as(name).isRegularFile();
      if (Files.isRegularFile(translated) && !name.endsWith(".md") && !name.endsWith(".xlf")) {
        byte[] bytes = Files.readAllBytes(translated);
        List<String> targets =
            FORMATS.forFile(bytes, translated.getFileName().toString()).texts(bytes);
        softly.assertThat(targets).as(name).doesNotContainAnyElementsOf(handler.texts(original));
      }
    }
    softly.assertAll();
    JsonNode summary = JSON.readTree(output.resolve("summary.json").toFile());
    assertThat(summary.path("items").asLong()).isEqualTo(samples.size());
    assertThat(summary.path("problems")).isEmpty();
  }

  /** German sentences of the repository's test sets, repeated in order up to {@code count}. */
  private static List<String> germanSentences(int count) throws IOException {
    List<String> german = new ArrayList<>();
    for (String set :
        List.of("ding-sentences-test.tsv", "phrase-sentences-test.tsv", "ding-dev.tsv")) {
      for (String line : Files.readAllLines(root.resolve("test-sets").resolve(set))) {
        String source = line.split("\t", 2)[0].strip();
        if (!source.isEmpty()) {
          german.add(source);
        }
      }
    }
    List<String> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      lines.add(german.get(i % german.size()));
    }
    return lines;
  }

  /** {@code bin/launcher} with the pipeline's launcher and key, as its own process. */
  private static CommandLineRun launcher(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(arguments));
    command.addAll(
        List.of("--url", pipeline.launcherUrl().toString(), "--api-key", pipeline.apiKey()));
    return CommandLineRun.of(
        root,
        "dev.translation.cli.launcher.LauncherCommand",
        input,
        data,
        Duration.ofMinutes(15),
        command);
  }
}
