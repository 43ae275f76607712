package dev.translation.localstack;

import java.io.IOException;
import java.io.InputStream;

/**
 * Entry point of the child JVM that {@link LocalKafka} starts; not an API.
 *
 * <p>Formats the storage directory on first use (a no-op when it is already formatted), then runs
 * {@code kafka.Kafka} until the JVM is asked to stop. It also exits when its standard input reaches
 * end of file: the parent holds the other end of that pipe, so a parent that dies, even by {@code
 * kill -9}, takes its broker with it instead of leaving an orphan that holds the ports and the log
 * directory lock.
 *
 * <p>Arguments: {@code <server.properties> <cluster id>}.
 */
public final class KafkaServerMain {

  private KafkaServerMain() {}

  /**
   * Formats (if needed) and runs the broker.
   *
   * @param args the server properties file and the cluster id
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: KafkaServerMain <server.properties> <cluster-id>");
      System.exit(2);
    }
    exitWhenParentGoesAway(System.in);
    String serverProperties = args[0];
    String clusterId = args[1];
    int formatted =
        kafka.tools.StorageTool.execute(
            new String[] {
              "format",
              "--cluster-id",
              clusterId,
              "--config",
              serverProperties,
              "--ignore-formatted"
            },
            System.out);
    if (formatted != 0) {
      System.err.println("formatting the Kafka storage failed with exit code " + formatted);
      System.exit(formatted);
    }
    // Installs its own shutdown hook (clean shutdown on SIGTERM) and blocks until shut down.
    kafka.Kafka.main(new String[] {serverProperties});
  }

  private static void exitWhenParentGoesAway(InputStream parentPipe) {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                while (parentPipe.read() >= 0) {
                  // The parent never writes; anything it might send is ignored.
                }
              } catch (IOException e) {
                // A broken pipe means the same as end of file: the parent is gone.
              }
              // exit (not halt) runs Kafka's shutdown hook, so the logs are closed cleanly.
              System.exit(0);
            },
            "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }
}
