package dev.translation.cli;

import static dev.translation.cli.FakeTranslationApi.job;
import static dev.translation.cli.FakeTranslationApi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiAccessTest {

  @TempDir Path folder;

  private static final Map<String, String> ENV =
      Map.of(
          ApiAccess.URL_VARIABLE, "http://localhost:9999", ApiAccess.KEY_VARIABLE, "key-from-env");

  @Test
  void optionsWinOverTheEnvironment() throws IOException {
    Path keyFile = Files.writeString(folder.resolve("api-key.txt"), "key-from-file\n");

    ApiAccess access =
        ApiAccess.resolve(
            ApiAccess.SUBMIT_API,
            "http://127.0.0.1:7000",
            "key-from-option",
            ENV,
            List.of(keyFile));

    assertThat(access)
        .isEqualTo(new ApiAccess(URI.create("http://127.0.0.1:7000"), "key-from-option"));
  }

  @Test
  void theEnvironmentWinsOverTheKeyFile() throws IOException {
    Path keyFile = Files.writeString(folder.resolve("api-key.txt"), "key-from-file\n");

    ApiAccess access = ApiAccess.resolve(ApiAccess.SUBMIT_API, null, null, ENV, List.of(keyFile));

    assertThat(access)
        .isEqualTo(new ApiAccess(URI.create("http://localhost:9999"), "key-from-env"));
  }

  @Test
  void theFirstKeyFileThatExistsIsReadLast() throws IOException {
    Path missing = folder.resolve("here/data/local/api-key.txt");
    Path checkout = Files.writeString(folder.resolve("api-key.txt"), "  key-from-file\n");

    ApiAccess access =
        ApiAccess.resolve(ApiAccess.SUBMIT_API, null, null, Map.of(), List.of(missing, checkout));

    assertThat(access).isEqualTo(new ApiAccess(ApiAccess.DEFAULT_URL, "key-from-file"));
  }

  @Test
  void aLocalKeyIsNeverSentToAnotherMachine() throws IOException {
    Path keyFile = Files.writeString(folder.resolve("api-key.txt"), "local-key");

    assertThatThrownBy(
            () ->
                ApiAccess.resolve(
                    ApiAccess.SUBMIT_API,
                    "https://translate.example.com",
                    null,
                    Map.of(),
                    List.of(keyFile)))
        .isInstanceOf(UsageException.class)
        .hasMessage("no API key: pass --api-key KEY or set TRANSLATION_API_KEY");
  }

  @Test
  void noKeyAnywhereSaysWhereOneWouldBe() {
    Path keyFile = folder.resolve("data/local/api-key.txt");

    assertThatThrownBy(
            () -> ApiAccess.resolve(ApiAccess.SUBMIT_API, null, null, Map.of(), List.of(keyFile)))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "no API key: pass --api-key KEY or set TRANSLATION_API_KEY, or start local mode"
                + " (bin/run-local), which writes one to "
                + keyFile);
  }

  @Test
  void anAddressThatIsNoHttpUrlIsAUsageError() {
    assertThatThrownBy(
            () ->
                ApiAccess.resolve(ApiAccess.SUBMIT_API, "localhost:8080", "k", Map.of(), List.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("must be an http or https address");
  }

  @Test
  void theCommandSendsTheResolvedKey() throws IOException {
    try (FakeTranslationApi api = FakeTranslationApi.start()) {
      api.on("GET", "/v1/jobs/job-1", json(200, job("job-1", "queued", 1, 1, 0, 0, null)));
      Path keyFile = Files.writeString(folder.resolve("api-key.txt"), FakeTranslationApi.KEY);

      CliRun.Outcome fromFile =
          new CliRun(folder)
              .variable(ApiAccess.URL_VARIABLE, api.url().toString())
              .keyFile(keyFile)
              .run("status", "job-1");
      CliRun.Outcome wrongOption =
          CliRun.against(api, folder).keyFile(keyFile).run("status", "job-1", "--api-key", "bad");

      assertThat(fromFile.exitCode()).isZero();
      assertThat(wrongOption.exitCode()).isEqualTo(ExitCode.REJECTED);
      assertThat(wrongOption.err()).isEqualTo("translate: missing or invalid API key\n");
      assertThat(api.requests())
          .extracting(request -> request.header("Authorization"))
          .containsExactly("Bearer " + FakeTranslationApi.KEY, "Bearer bad");
    }
  }

  @Test
  void noKeyIsAUsageError() {
    CliRun.Outcome outcome = new CliRun(folder).run("--to", "en", "Hallo");

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(outcome.err()).startsWith("translate: no API key");
  }

  @Test
  void theRepositoryRootIsFoundFromTheJarsPlace() {
    assertThat(
            CliEnvironment.repositoryRoot(
                Path.of("/src/app/translate-cli/target/translate-cli.jar")))
        .contains(Path.of("/src/app"));
    assertThat(CliEnvironment.repositoryRoot(Path.of("/src/app/translate-cli/target/classes")))
        .contains(Path.of("/src/app"));
    assertThat(CliEnvironment.repositoryRoot(Path.of("/usr/share/java/translate-cli.jar")))
        .isEmpty();
  }
}
