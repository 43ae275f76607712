package dev.translation.testfixtures;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach a MySQL-compatible database with MySQL Connector/J.
 *
 * @param jdbcUrl a {@code jdbc:mysql://} URL naming a database
 * @param username the user
 * @param password the user's password
 * @param source where the server comes from
 */
public record DatabaseEndpoint(
    String jdbcUrl, String username, String password, FixtureSource source) {

  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

  /** Validates the endpoint. */
  public DatabaseEndpoint {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:mysql://") && !jdbcUrl.startsWith("jdbc:mariadb://")) {
      throw new IllegalArgumentException(
          "expected a jdbc:mysql:// (or jdbc:mariadb://) URL, got " + jdbcUrl);
    }
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(source, "source");
  }

  /** Opens a connection (the caller closes it). */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, username, password);
  }

  /** The database named in the URL. */
  public String databaseName() {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    return uri.getPath().substring(1);
  }

  /** The same server and credentials, another database (which must exist). */
  public DatabaseEndpoint withDatabase(String databaseName) {
    requireDatabaseName(databaseName);
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    String url =
        "jdbc:"
            + uri.getScheme()
            + "://"
            + uri.getRawAuthority()
            + "/"
            + databaseName
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new DatabaseEndpoint(url, username, password, source);
  }

  /**
   * Creates a database on this server if it does not exist yet ({@code utf8mb4}) and returns its
   * endpoint: how test classes sharing one server keep their tables apart. Needs the {@code CREATE}
   * privilege, which the embedded and Testcontainers servers grant.
   *
   * @param databaseName letters, digits and underscores
   */
  public DatabaseEndpoint createDatabase(String databaseName) {
    requireDatabaseName(databaseName);
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE DATABASE IF NOT EXISTS `"
              + databaseName
              + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create database " + databaseName + " on " + jdbcUrl, e);
    }
    return withDatabase(databaseName);
  }

  private static void requireDatabaseName(String databaseName) {
    if (databaseName == null || !DATABASE_NAME.matcher(databaseName).matches()) {
      throw new IllegalArgumentException(
          "database name '" + databaseName + "' must be 1-64 letters, digits or underscores");
    }
  }

  /** Hides the password, which would otherwise end up in test reports and logs. */
  @Override
  public String toString() {
    return "DatabaseEndpoint[" + jdbcUrl + ", user " + username + ", " + source + "]";
  }
}
