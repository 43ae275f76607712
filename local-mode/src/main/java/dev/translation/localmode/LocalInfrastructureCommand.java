package dev.translation.localmode;

import dev.translation.localstack.LocalKafka;
import dev.translation.localstack.LocalMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * MariaDB and Kafka alone, for apps started some other way (from their container images by {@code
 * bin/check-images}): starts both servers, creates the pipeline's topics, writes their addresses as
 * an environment file and runs until it is stopped. The apps create the schema themselves (the
 * submit API's Flyway migrations), as they do against any other database.
 */
@Command(
    name = "local-infrastructure",
    mixinStandardHelpOptions = true,
    description = {
      "Starts MariaDB and Kafka with their data under --data, creates the pipeline's topics, writes"
          + " DB_URL, DB_USER, DB_PASSWORD and KAFKA_BOOTSTRAP_SERVERS to --env-file and runs until"
          + " stopped (SIGTERM or Ctrl-C)."
    })
public final class LocalInfrastructureCommand implements Callable<Integer> {

  @Option(names = "--data", required = true, description = "Data folder of both servers")
  Path data;

  @Option(
      names = "--env-file",
      required = true,
      description = "Written once both servers are up: one NAME=value line per setting")
  Path envFile;

  public static void main(String[] args) {
    int exitCode = new CommandLine(new LocalInfrastructureCommand()).execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  @Override
  public Integer call() throws Exception {
    Path directory = data.toAbsolutePath();
    LocalMariaDb mariaDb = LocalMariaDb.builder(directory.resolve("mariadb")).build();
    LocalKafka kafka = LocalKafka.builder(directory.resolve("kafka")).build();
    // On SIGTERM or Ctrl-C the JVM runs this hook and then exits, whatever the main thread does.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kafka.close();
                  mariaDb.close();
                }));
    mariaDb.start();
    kafka.start();
    kafka.createPipelineTopics();
    String settings =
        "DB_URL="
            + mariaDb.jdbcUrl()
            + "\nDB_USER="
            + mariaDb.username()
            + "\nDB_PASSWORD="
            + mariaDb.password()
            + "\nKAFKA_BOOTSTRAP_SERVERS="
            + kafka.bootstrapServers()
            + "\n";
    Path partial = envFile.resolveSibling(envFile.getFileName() + ".partial");
    Files.writeString(partial, settings);
    Files.move(partial, envFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    System.out.print(settings);
    System.out.flush();
    Thread.currentThread().join(); // until stopped
    return 0;
  }
}
