package dev.translation.localmode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/run-local}: starts the pipeline and keeps it running until Ctrl-C. */
@Command(
    name = "run-local",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Kafka, MariaDB, the submit API and two workers (interactive and batch lanes) on this"
          + " machine, with all data under --data. Ctrl-C stops everything gracefully.",
      "Point at external servers with --kafka / KAFKA_BOOTSTRAP_SERVERS and --db-url /"
          + " DB_URL (+ DB_USER, DB_PASSWORD)."
    })
public final class LocalPipelineCommand implements Callable<Integer> {

  @Option(
      names = "--data",
      defaultValue = "data/local",
      description = "Data folder (default: ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--repository", defaultValue = ".", description = "Checkout with the built jars")
  Path repository;

  @Option(
      names = "--model",
      defaultValue = "models/de-en-starter/4",
      description = "Model bundle the workers serve")
  Path model;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "API port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--worker-ports",
      split = ",",
      defaultValue = "8081,8082",
      description = "Actuator ports of the interactive and batch workers")
  List<Integer> workerPorts;

  @Option(
      names = "--launcher-port",
      defaultValue = "8090",
      description = "Job launcher port, 0 to run without it (default: ${DEFAULT-VALUE})")
  int launcherPort;

  @Option(
      names = "--batch-input-root",
      defaultValue = "/",
      description =
          "Batch inputs are read below this folder (default: ${DEFAULT-VALUE}, any file you can"
              + " read)")
  Path batchInputRoot;

  @Option(
      names = "--kafka",
      defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS}",
      description = "External Kafka bootstrap servers")
  String kafka;

  @Option(
      names = "--db-url",
      defaultValue = "${env:DB_URL}",
      description = "External MySQL JDBC URL")
  String dbUrl;

  @Option(names = "--db-user", defaultValue = "${env:DB_USER}")
  String dbUser;

  @Option(names = "--db-password", defaultValue = "${env:DB_PASSWORD}")
  String dbPassword;

  public static void main(String[] args) {
    int exitCode = new CommandLine(new LocalPipelineCommand()).execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    LocalPipeline.ExternalDatabase database =
        dbUrl == null ? null : new LocalPipeline.ExternalDatabase(dbUrl, dbUser, dbPassword);
    LocalPipeline pipeline =
        new LocalPipeline(
            new LocalPipeline.Settings(
                data.toAbsolutePath(),
                repository.toAbsolutePath(),
                model.toAbsolutePath(),
                port,
                workerPorts,
                kafka,
                database,
                Map.of(),
                launcherPort == 0
                    ? null
                    : new LocalPipeline.Launcher(launcherPort, batchInputRoot.toAbsolutePath())));
    // On Ctrl-C the JVM runs this hook and then exits, whatever the main thread is doing.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("stopping...");
                  try {
                    pipeline.close();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    try {
      pipeline.start();
    } catch (RuntimeException e) {
      System.err.println("error: " + e.getMessage());
      pipeline.close();
      return 1;
    }
    System.out.printf(
        "%nready in %.0f s%n  API:      %s  (OpenAPI: %s/v3/api-docs)%n  API key:  %s  (kept in %s)%n"
            + "  web page: %s/  (enter the API key there)%n"
            + "  launcher: %s  (corpus batches: bin/launcher --help; outputs in %s)%n"
            + "  Kafka:    %s%n  MySQL:    %s%n  logs:     %s%n%n"
            + "try:%n  curl -s -X POST '%s/v1/translations?wait=5s' -H 'Authorization: Bearer %s'"
            + " -H 'Content-Type: application/json' -d '{\"texts\":[\"Ich habe Hunger.\"],\"source\":\"de\",\"target\":\"en\"}'%n%n"
            + "Ctrl-C stops everything; data stays in %s%n",
        (System.nanoTime() - start) / 1e9,
        pipeline.apiUrl(),
        pipeline.apiUrl(),
        pipeline.apiKey(),
        pipeline.apiKeyFile(),
        pipeline.apiUrl(),
        pipeline.launcherUrl() == null ? "off" : pipeline.launcherUrl(),
        pipeline.batchOutputRoot(),
        pipeline.kafkaBootstrapServers(),
        pipeline.database().url(),
        data.toAbsolutePath().resolve("logs"),
        pipeline.apiUrl(),
        pipeline.apiKey(),
        data.toAbsolutePath());
    if (!Files.exists(pipeline.apiKeyFile())) {
      System.err.println("warning: no API key file was written");
    }
    Thread.currentThread().join(); // until Ctrl-C
    return 0;
  }
}
