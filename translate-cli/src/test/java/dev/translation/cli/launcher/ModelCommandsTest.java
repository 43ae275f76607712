package dev.translation.cli.launcher;

import static dev.translation.cli.FakeHttpApi.json;
import static dev.translation.cli.FakeHttpApi.problem;
import static dev.translation.cli.launcher.FakeLauncherApi.rollout;
import static dev.translation.cli.launcher.FakeLauncherApi.version;
import static dev.translation.cli.launcher.FakeLauncherApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.cli.CliRun;
import dev.translation.cli.ExitCode;
import dev.translation.cli.FakeHttpApi;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelCommandsTest {

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
  void listShowsTheRolloutsThenEveryVersionWithItsChrfPerTestSet() {
    launcher.on(
        "GET",
        "/v1/models",
        json(
            200,
            Map.of(
                "rollouts",
                List.of(rollout("de-en-starter@4", "de-en-starter@5", 30, 3)),
                "versions",
                List.of(
                    version("de-en-starter@5", "CANARY", "ding-test", 32.4, "phrases", 30.05),
                    version("de-en-starter@4", "ACTIVE", "ding-test", 31.1),
                    with(version("de-en-starter@3", "RETIRED"), "launchedBy", null)))));

    CliRun.Outcome outcome = launcher.cli(folder).run("model", "list");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out().lines().toList())
        .containsExactly(
            "LANGUAGES  ACTIVE           CANARY                 REVISION  UPDATED",
            "de-en      de-en-starter@4  de-en-starter@5 (30%)  3         2025-03-01T09:00:00Z",
            "",
            "MODEL            LANGUAGES  STATE       REGISTERED            BY       CHRF ding-test"
                + "  CHRF phrases",
            "de-en-starter@5  de-en      CANARY 30%  2025-02-20T08:00:00Z  ml-team  32.4          "
                + "  30.1",
            "de-en-starter@4  de-en      ACTIVE      2025-02-20T08:00:00Z  ml-team  31.1          "
                + "  -",
            "de-en-starter@3  de-en      RETIRED     2025-02-20T08:00:00Z  -        -             "
                + "  -");
  }

  @Test
  void listOfAnEmptyRegistrySaysSo() {
    launcher.on(
        "GET", "/v1/models", json(200, Map.of("rollouts", List.of(), "versions", List.of())));

    CliRun.Outcome outcome = launcher.cli(folder).run("model", "list");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo("no language pair is served yet\n\nno model versions\n");
  }

  @Test
  void listJsonPrintsTheRegistryAsTheLauncherAnswered() {
    Map<String, Object> registry =
        Map.of("rollouts", List.of(rollout("a@1", null, null, 1)), "versions", List.of());
    launcher.on("GET", "/v1/models", json(200, registry));

    CliRun.Outcome outcome = launcher.cli(folder).run("model", "list", "--json");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo(FakeHttpApi.JSON.writeValueAsString(registry) + "\n");
  }

  @Test
  void showPrintsTheVersionsStateScoresAndLineage() {
    launcher.on(
        "GET",
        "/v1/models/de-en-starter@5",
        json(200, version("de-en-starter@5", "CANARY", "ding-test", 32.4)));

    CliRun.Outcome outcome = launcher.cli(folder).run("model", "show", "de-en-starter@5");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out())
        .isEqualTo(
            """
            model     de-en-starter@5
            languages de -> en
            state     CANARY (30% of segments)
            bundle    file:/models/de-en-starter/5/
            files     2 with SHA-256 checksums
            added     2025-02-20T08:00:00Z by ml-team
            changed   2025-02-21T08:00:00Z
            score     ding-test, model beam-4: chrF 32.4, BLEU 11.9 (1246 sentences)
            score     ding-test, dictionary-baseline: chrF 23.9, BLEU 11.9 (1246 sentences)
            lineage   basedOn: de-en-starter@3
            """);
  }

  @Test
  void anUnknownVersionIsRefusedWithTheLaunchersDetail() {
    launcher.on("GET", "/v1/models/nope@1", problem(404, "no model version nope@1"));

    CliRun.Outcome outcome = launcher.cli(folder).run("model", "show", "nope@1");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.REJECTED);
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.err()).isEqualTo("launcher: no model version nope@1\n");
  }

  @Test
  void promotePostsToTheVersionAndPrintsTheNewRollout() {
    launcher.on(
        "POST",
        "/v1/models/de-en-starter@5/promote",
        json(200, rollout("de-en-starter@5", null, null, 4)));

    CliRun.Outcome outcome = launcher.cli(folder).run("model", "promote", "de-en-starter@5");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out()).isEqualTo("de-en: active de-en-starter@5, no canary, revision 4\n");
    assertThat(launcher.requests("POST", "/v1/models/de-en-starter@5/promote"))
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.header("Authorization")).isEqualTo("Bearer " + FakeHttpApi.KEY);
              assertThat(request.body()).isEmpty();
            });
  }

  @Test
  void canarySendsThePercent() {
    launcher.on(
        "POST",
        "/v1/models/de-en-starter@5/canary",
        json(200, rollout("de-en-starter@4", "de-en-starter@5", 30, 5)));

    CliRun.Outcome outcome =
        launcher.cli(folder).run("model", "canary", "de-en-starter@5", "--percent", "30");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.out())
        .isEqualTo(
            "de-en: active de-en-starter@4, canary de-en-starter@5 on 30% of segments, revision"
                + " 5\n");
    assertThat(launcher.requests("POST", "/v1/models/de-en-starter@5/canary").getFirst())
        .satisfies(
            request -> {
              assertThat(request.header("Content-Type")).isEqualTo("application/json");
              assertThat(request.bodyJson()).containsExactly(Map.entry("percent", 30));
            });
  }

  @Test
  void canaryWithoutPercentIsAUsageErrorAndSendsNothing() {
    CliRun.Outcome outcome = launcher.cli(folder).run("model", "canary", "de-en-starter@5");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(outcome.err()).contains("--percent");
    assertThat(launcher.requests()).isEmpty();
  }

  @Test
  void rollbackAndEndCanaryPostToTheLanguagePairsRollout() {
    launcher
        .on(
            "POST",
            "/v1/rollouts/de-en/rollback",
            json(200, rollout("de-en-starter@3", null, null, 6)))
        .on("POST", "/v1/rollouts/fr-en/end-canary", json(200, rollout("fr-en@2", null, null, 2)));

    CliRun.Outcome rollback = launcher.cli(folder).run("model", "rollback");
    CliRun.Outcome endCanary =
        launcher.cli(folder).run("model", "end-canary", "--languages", "FR-EN");

    assertThat(rollback.exitCode()).isZero();
    assertThat(rollback.out()).isEqualTo("de-en: active de-en-starter@3, no canary, revision 6\n");
    assertThat(endCanary.exitCode()).isZero();
    assertThat(launcher.requests())
        .extracting(FakeHttpApi.Request::method, FakeHttpApi.Request::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("POST", "/v1/rollouts/de-en/rollback"),
            org.assertj.core.groups.Tuple.tuple("POST", "/v1/rollouts/fr-en/end-canary"));
  }

  @Test
  void aLanguagePairThatIsNoneIsAUsageError() {
    CliRun.Outcome outcome = launcher.cli(folder).run("model", "rollback", "--languages", "german");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(outcome.err()).startsWith("launcher: --languages: language pair 'german' must look");
    assertThat(launcher.requests()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "promote de-en-starter@5 | /v1/models/de-en-starter@5/promote | 403 | this API key may not"
            + " manage models",
        "promote nope@1 | /v1/models/nope@1/promote | 404 | no model version nope@1",
        "promote de-en-starter@4 | /v1/models/de-en-starter@4/promote | 409 | de-en-starter@4 is"
            + " already active",
        "canary de-en-starter@5 --percent 150 | /v1/models/de-en-starter@5/canary | 422 | percent"
            + " must be between 1 and 99",
        "canary de-en-starter@4 --percent 10 | /v1/models/de-en-starter@4/canary | 409 |"
            + " de-en-starter@4 is the active version",
        "rollback | /v1/rollouts/de-en/rollback | 409 | nothing to roll back to for de-en"
      })
  void aRefusedChangePrintsTheProblemsDetailAndExitsWith3(
      String args, String path, int status, String detail) {
    launcher.on("POST", path, problem(status, detail));
    String[] command = ("model " + args).split(" ");

    CliRun.Outcome outcome = launcher.cli(folder).run(command);

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.REJECTED).isEqualTo(3);
    assertThat(outcome.out()).isEmpty();
    assertThat(outcome.err()).isEqualTo("launcher: " + detail + "\n");
    assertThat(launcher.requests("POST", path)).hasSize(1);
  }

  @Test
  void theUrlOptionWorksOnModelCommandsToo() {
    launcher.on("POST", "/v1/rollouts/de-en/end-canary", json(200, rollout("a@1", null, null, 2)));

    CliRun.Outcome outcome =
        launcher
            .cli(folder)
            .variable(LauncherCommand.LAUNCHER.urlVariable(), "http://localhost:1")
            .run("model", "end-canary", "--url", launcher.url().toString());

    assertThat(outcome.exitCode()).isZero();
    assertThat(launcher.requests("POST", "/v1/rollouts/de-en/end-canary")).hasSize(1);
  }

  @Test
  void helpListsTheModelCommandsWithTheExitCodesAndNoCommandIsAUsageError() {
    CliRun.Outcome help = launcher.cli(folder).run("model", "--help");
    CliRun.Outcome waitHelp = launcher.cli(folder).run("model", "wait", "--help");
    CliRun.Outcome none = launcher.cli(folder).run("model");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains(
            "list",
            "show",
            "promote",
            "canary",
            "rollback",
            "end-canary",
            "refresh",
            "retrain",
            "jobs",
            "job",
            "wait",
            "cancel",
            "logs");
    assertThat(waitHelp.out())
        .contains("8   the model job's gate rejected the new model")
        .contains("6   the batch failed, or the model job failed");
    assertThat(launcher.cli(folder).run("model", "refresh", "--help").out())
        .contains("as a canary on N% of segments");
    assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(none.err()).startsWith("name a model command: list, show, promote");
    assertThat(launcher.requests()).isEmpty();
  }
}
