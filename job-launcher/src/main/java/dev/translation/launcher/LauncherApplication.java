package dev.translation.launcher;

import dev.translation.launcher.batch.BatchRunner;
import dev.translation.launcher.migration.MigrateDatabase;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The job launcher. {@code java -jar job-launcher.jar} serves the launcher's API and runs batches
 * through the configured executor; {@code java -jar job-launcher.jar --run --batch-id=ID} is the
 * batch runner a Job's pod runs: it runs one shard of the batch (the one in {@code
 * JOB_COMPLETION_INDEX}) and exits with the shard's outcome; {@code --migrate-database} applies the
 * schema and exits ({@link MigrateDatabase}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LauncherApplication {

  public static void main(String[] args) {
    if (MigrateDatabase.requested(args)) {
      System.exit(MigrateDatabase.run(System.getenv()));
    }
    if (BatchRunner.requested(args)) {
      System.exit(BatchRunner.run(LauncherApplication.class, args));
    }
    SpringApplication.run(LauncherApplication.class, args);
  }
}
