package dev.translation.cli.launcher;

import static dev.translation.cli.FakeHttpApi.json;
import static dev.translation.cli.FakeHttpApi.problem;
import static dev.translation.cli.launcher.FakeLauncherApi.batch;
import static dev.translation.cli.launcher.FakeLauncherApi.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.translation.cli.ApiAccess;
import dev.translation.cli.CliRun;
import dev.translation.cli.ExitCode;
import dev.translation.cli.FakeHttpApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LaunchCommandTest {

  @TempDir Path folder;
  private FakeLauncherApi launcher;

  @BeforeEach
  void startLauncher() throws IOException {
    launcher = FakeLauncherApi.start();
  }

  @AfterEach
  void stopLauncher() {
    launcher.close();
  }

  @Test
  void launchSendsTheBatchAndPrintsOnlyItsIdOnStandardOutput() {
    launcher.on(
        "POST",
        "/v1/batches",
        json(
            201,
            with(
                batch("b7k2", "queued", 2, 0, 0, 0),
                "input",
                "corpora/big.tsv",
                "format",
                "tsv",
                "field",
                "2")));

    CliRun.Outcome outcome =
        launcher
            .cli(folder)
            .run(
                "launch",
                "corpora/big.tsv",
                "--output",
                "out/big",
                "--field",
                "2",
                "--header",
                "--from",
                "de",
                "--to",
                "en",
                "--shards",
                "2",
                "--priority",
                "high");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo("b7k2\n");
    assertThat(launcher.requests("POST", "/v1/batches"))
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.header("Authorization")).isEqualTo("Bearer " + FakeHttpApi.KEY);
              assertThat(request.header("Content-Type")).isEqualTo("application/json");
              assertThat(request.bodyJson())
                  .containsExactly(
                      Map.entry("input", "corpora/big.tsv"),
                      Map.entry("format", "tsv"),
                      Map.entry("field", "2"),
                      Map.entry("header", true),
                      Map.entry("output", "out/big"),
                      Map.entry("source", "de"),
                      Map.entry("target", "en"),
                      Map.entry("shards", 2),
                      Map.entry("priority", "high"));
            });
    assertThat(outcome.errLines())
        .containsExactly(
            "batch b7k2 queued: corpora/big.tsv (tsv, from the extension) to out/big, 2 shards",
            "follow it: bin/launcher wait b7k2 (or show, logs --shard N, cancel)");
  }

  @Test
  void theDefaultsAreOneShardAtNormalPriorityFromGermanToEnglish() {
    launcher.on("POST", "/v1/batches", json(201, batch("b1", "queued", 1, 0, 0, 0)));

    CliRun.Outcome outcome = launcher.cli(folder).run("launch", "corpora/big.txt", "-o", "out/big");

    assertThat(outcome.exitCode()).isZero();
    assertThat(launcher.requests("POST", "/v1/batches").getFirst().bodyJson())
        .containsExactly(
            Map.entry("input", "corpora/big.txt"),
            Map.entry("format", "text"),
            Map.entry("header", false),
            Map.entry("output", "out/big"),
            Map.entry("source", "de"),
            Map.entry("target", "en"),
            Map.entry("shards", 1),
            Map.entry("priority", "normal"));
  }

  @Test
  void aFileHereIsSentByItsAbsolutePathToALauncherOnThisMachine() throws Exception {
    java.nio.file.Files.createDirectories(folder.resolve("corpora"));
    java.nio.file.Files.writeString(folder.resolve("corpora/here.txt"), "Hallo.\n");
    launcher.on("POST", "/v1/batches", json(201, batch("b1", "queued", 1, 0, 0, 0)));

    CliRun.Outcome outcome = launcher.cli(folder).run("launch", "corpora/here.txt", "-o", "out");

    assertThat(outcome.exitCode()).isZero();
    assertThat(launcher.requests("POST", "/v1/batches").getFirst().bodyJson())
        .containsEntry("input", folder.resolve("corpora/here.txt").toString());
  }

  @ParameterizedTest
  @CsvSource({
    "corpora/big.txt, text",
    "corpora/BIG.TXT, text",
    "corpora/pairs.tsv, tsv",
    "corpora/records.jsonl, jsonl",
    "https://host/exports/x.tsv?signature=abc, tsv",
    "reports/, documents",
    "reports, documents",
    "reports/2024.q1, documents",
    "reports/bericht.docx, documents"
  })
  void theFormatIsGuessedFromTheInputsExtension(String input, String format) {
    launcher.on("POST", "/v1/batches", json(201, batch("b1", "queued", 1, 0, 0, 0)));

    CliRun.Outcome outcome = launcher.cli(folder).run("launch", input, "--output", "out/x");

    assertThat(outcome.exitCode()).isZero();
    assertThat(launcher.requests("POST", "/v1/batches").getFirst().bodyJson())
        .containsEntry("input", input)
        .containsEntry("format", format);
  }

  @Test
  void aFormatGivenWinsOverTheExtension() {
    launcher.on("POST", "/v1/batches", json(201, batch("b1", "queued", 1, 0, 0, 0)));

    CliRun.Outcome outcome =
        launcher
            .cli(folder)
            .run("launch", "exports/data.txt", "--format", "JSONL", "--field", "text", "-o", "o");

    assertThat(outcome.exitCode()).isZero();
    assertThat(launcher.requests("POST", "/v1/batches").getFirst().bodyJson())
        .containsEntry("format", "jsonl")
        .containsEntry("field", "text");
  }

  static Stream<Arguments> invalidLaunches() {
    return Stream.of(
        arguments(new String[] {"launch", "corpora/big.txt"}, "--output is required"),
        arguments(
            new String[] {"launch", "corpora/big.txt", "-o", "out", "--format", "xml"},
            "unknown format xml: use text, tsv, jsonl, documents"),
        arguments(
            new String[] {"launch", "corpora/big.txt", "-o", "out", "--shards", "0"},
            "--shards must be 1 or more, not 0"),
        arguments(
            new String[] {"launch", "corpora/big.txt", "-o", "out", "--priority", "urgent"},
            "unknown priority urgent: use low, normal, high"),
        arguments(
            new String[] {"launch", "corpora/big.txt", "-o", "out", "--field", "2"},
            "--field is for tsv and jsonl, not text"),
        arguments(
            new String[] {"launch", "corpora/big.jsonl", "-o", "out", "--header"},
            "--header is for tsv, not jsonl"));
  }

  @ParameterizedTest
  @MethodSource("invalidLaunches")
  void anInvalidLaunchIsAUsageErrorAndSendsNothing(String[] args, String message) {
    CliRun.Outcome outcome = launcher.cli(folder).run(args);

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(outcome.err()).startsWith("launcher: " + message);
    assertThat(outcome.out()).isEmpty();
    assertThat(launcher.requests()).isEmpty();
  }

  @Test
  void withWaitItWaitsAndExitsWithTheBatchsCode() {
    launcher
        .on("POST", "/v1/batches", json(201, batch("b2", "queued", 1, 0, 0, 0)))
        .on(
            "GET",
            "/v1/batches/b2",
            json(200, batch("b2", "running", 1, 100, 40, 0)),
            json(
                200,
                with(
                    batch("b2", "partially_failed", 1, 100, 97, 3),
                    "reason",
                    "3 segments could not be translated")));

    CliRun.Outcome outcome =
        launcher.cli(folder).run("launch", "corpora/big.txt", "-o", "out/big", "--wait");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.BATCH_PARTIALLY_FAILED).isEqualTo(4);
    assertThat(outcome.out()).isEqualTo("b2\n");
    assertThat(outcome.errLines())
        .contains(
            "batch b2: running, shards 0/1 done, phase await, 40/100 segments (40%)",
            "batch b2 partially_failed: 3 segments could not be translated",
            "output: out/big (on the launcher's output volume)");
  }

  @Test
  void aRefusedLaunchPrintsTheProblemsDetail() {
    launcher.on(
        "POST",
        "/v1/batches",
        problem(400, "input corpora/missing.txt does not exist below the input volume"));

    CliRun.Outcome outcome =
        launcher.cli(folder).run("launch", "corpora/missing.txt", "-o", "out/missing");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.err())
        .isEqualTo("launcher: input corpora/missing.txt does not exist below the input volume\n");
  }

  @Test
  void aLauncherFailingOnItsSideIsUnavailable() {
    launcher.on("POST", "/v1/batches", problem(500, "an internal error occurred"));

    CliRun.Outcome outcome = launcher.cli(folder).run("launch", "corpora/big.txt", "-o", "out");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(outcome.err()).isEqualTo("launcher: an internal error occurred\n");
  }

  @Test
  void aLauncherThatIsNotRunningIsUnavailable() throws IOException {
    FakeLauncherApi stopped = FakeLauncherApi.start();
    CliRun run = stopped.cli(folder);
    stopped.close();

    CliRun.Outcome outcome = run.run("show", "b1");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(outcome.err())
        .isEqualTo(
            "launcher: cannot reach the launcher at "
                + stopped.url()
                + ": connection refused (is it running?)\n");
  }

  @Test
  void noApiKeyIsAUsageErrorAsForTranslate() {
    Path keyFile = folder.resolve("data/local/api-key.txt");

    CliRun.Outcome outcome =
        launcher
            .cli(folder)
            .withoutVariable(ApiAccess.KEY_VARIABLE)
            .keyFile(keyFile)
            .run("launch", "corpora/big.txt", "-o", "out");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(outcome.err())
        .isEqualTo(
            "launcher: no API key: pass --api-key KEY or set TRANSLATION_API_KEY, or start local"
                + " mode (bin/run-local), which writes one to "
                + keyFile
                + "\n");
    assertThat(launcher.requests()).isEmpty();
  }

  @Test
  void theKeyIsFoundAsTranslateFindsIt() throws IOException {
    launcher.on("GET", "/v1/batches/b1", json(200, batch("b1", "queued", 1, 0, 0, 0)));
    Path keyFile = Files.writeString(folder.resolve("api-key.txt"), FakeHttpApi.KEY + "\n");

    CliRun.Outcome fromFile =
        launcher
            .cli(folder)
            .withoutVariable(ApiAccess.KEY_VARIABLE)
            .keyFile(keyFile)
            .run("show", "b1");
    CliRun.Outcome fromOption =
        launcher.cli(folder).keyFile(keyFile).run("show", "b1", "--api-key", "other-key");

    assertThat(fromFile.exitCode()).isZero();
    assertThat(fromOption.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(fromOption.err()).isEqualTo("launcher: missing or invalid API key\n");
    assertThat(launcher.requests())
        .extracting(request -> request.header("Authorization"))
        .containsExactly("Bearer " + FakeHttpApi.KEY, "Bearer other-key");
  }

  @Test
  void theUrlOptionWinsOverTheEnvironment() {
    launcher.on("GET", "/v1/batches/b1", json(200, batch("b1", "queued", 1, 0, 0, 0)));

    CliRun.Outcome outcome =
        launcher
            .cli(folder)
            .variable(LauncherCommand.LAUNCHER.urlVariable(), "http://localhost:1")
            .run("show", "b1", "--url", launcher.url().toString());

    assertThat(outcome.exitCode()).isZero();
    assertThat(launcher.requests("GET", "/v1/batches/b1")).hasSize(1);
  }

  @Test
  void theLaunchersAddressComesFromItsOwnVariableElseLocalModes() {
    ApiAccess byDefault =
        ApiAccess.resolve(
            LauncherCommand.LAUNCHER,
            null,
            "k",
            Map.of("TRANSLATION_API_URL", "http://localhost:8080"),
            List.of());
    ApiAccess fromVariable =
        ApiAccess.resolve(
            LauncherCommand.LAUNCHER,
            null,
            "k",
            Map.of("TRANSLATION_LAUNCHER_URL", "https://launcher.example.com"),
            List.of());

    assertThat(byDefault.url()).hasToString("http://localhost:8090");
    assertThat(fromVariable.url()).hasToString("https://launcher.example.com");
  }
}
