package dev.translation.launcher.migration;

import dev.translation.launcher.kubernetes.BatchExitCodes;
import java.util.Arrays;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar job-launcher.jar --migrate-database}: applies the schema's Flyway migrations
 * (database-schema, on the class path) to the database named by {@code DB_URL}, {@code DB_USER} and
 * {@code DB_PASSWORD}, and exits: what a cluster's migration Job runs before the apps use the
 * schema (they never migrate there). Exit codes as the batch runner's: 0 done, 3 a migration that
 * cannot apply (changed after it was applied, or failing: a retry cannot help), 4 anything else
 * (the database not reachable yet: a retry may help).
 */
public final class MigrateDatabase {

  /** The argument that selects this mode. */
  public static final String ARGUMENT = "--migrate-database";

  private static final Logger log = LoggerFactory.getLogger(MigrateDatabase.class);

  private MigrateDatabase() {}

  /** Whether the command line asks for a migration. */
  public static boolean requested(String[] args) {
    return Arrays.asList(args).contains(ARGUMENT);
  }

  /** Migrates and returns the process's exit code. */
  public static int run(Map<String, String> environment) {
    String url = environment.get("DB_URL");
    if (url == null || url.isBlank()) {
      log.error("DB_URL is not set: nothing to migrate");
      return BatchExitCodes.BAD_INPUT;
    }
    Flyway flyway =
        Flyway.configure()
            .dataSource(url, environment.get("DB_USER"), environment.get("DB_PASSWORD"))
            .locations("classpath:db/migration")
            .connectRetries(0)
            .load();
    try {
      MigrateResult result = flyway.migrate();
      log.info(
          "schema at version {} ({} migrations applied now)",
          result.targetSchemaVersion == null
              ? result.initialSchemaVersion
              : result.targetSchemaVersion,
          result.migrationsExecuted);
      return BatchExitCodes.SUCCEEDED;
    } catch (FlywayException e) {
      if (reachable(e)) {
        log.error("the schema cannot be migrated: {}", e.getMessage());
        return BatchExitCodes.BAD_INPUT;
      }
      log.error("the database is not reachable: {}", e.getMessage());
      return BatchExitCodes.TRANSIENT;
    }
  }

  /** Whether the failure came from a database that answered (not from reaching it). */
  private static boolean reachable(FlywayException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.sql.SQLTransientConnectionException
          || cause instanceof java.sql.SQLNonTransientConnectionException
          || cause instanceof java.net.ConnectException
          || cause.getClass().getSimpleName().equals("CommunicationsException")) {
        return false;
      }
    }
    return true;
  }
}
