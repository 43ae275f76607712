package dev.translation.localstack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * A test program that owns a server, like the local-mode command: {@code kafka <dir>} or {@code
 * mariadb <dir> <exit|block>}. Prints {@code READY <pid>} (the server's pid where known), then
 * exits without stopping anything, or blocks until killed.
 */
public final class ServerOwnerMain {

  private ServerOwnerMain() {}

  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[1]);
    switch (args[0]) {
      case "kafka" -> {
        LocalKafka kafka = LocalKafka.builder(directory).build().start();
        System.out.println("BOOTSTRAP " + kafka.bootstrapServers());
        System.out.println("READY");
      }
      case "mariadb" -> {
        LocalMariaDb db = LocalMariaDb.builder(directory).build().start();
        try (Connection connection =
                DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
            Statement statement = connection.createStatement()) {
          statement.execute("CREATE TABLE written_by_child (id INT PRIMARY KEY)");
          statement.execute("INSERT INTO written_by_child VALUES (7)");
        }
        System.out.println("READY");
        if (args[2].equals("exit")) {
          System.exit(0); // shutdown hooks stop the server, as at the end of a normal run
        }
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
    System.out.flush();
    new CountDownLatch(1).await(); // until killed
  }
}
