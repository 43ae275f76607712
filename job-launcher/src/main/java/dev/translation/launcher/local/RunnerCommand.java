package dev.translation.launcher.local;

import dev.translation.launcher.LauncherApplication;
import dev.translation.launcher.batch.BatchRunner;
import dev.translation.launcher.batch.ShardAssignment;
import dev.translation.launcher.config.LauncherProperties;
import dev.translation.launcher.launch.RunnerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;

/**
 * The command line of a local runner process: this JVM's {@code java}, the launcher's own jar (or
 * class path, when run from a build), {@code --run --batch-id=ID}, and the settings the runner
 * needs from the launcher's configuration (database, Kafka, volumes). The database password goes in
 * the environment, never on the command line where {@code ps} shows it.
 */
final class RunnerCommand {

  private final List<String> javaOptions;
  private final List<String> modelJobJavaOptions;
  private final Environment environment;
  private final LauncherProperties properties;

  RunnerCommand(Environment environment, LauncherProperties properties) {
    this.javaOptions = properties.local().javaOptions();
    this.modelJobJavaOptions = properties.local().modelJobJavaOptions();
    this.environment = environment;
    this.properties = properties;
  }

  private volatile Path extractedJar;
  private volatile Path aotCache;

  /**
   * Prepares faster runner starts, when the launcher runs from its own jar: the jar extracted into
   * {@code directory} (classes from nested jars cannot be cached), then one training start that
   * records a JDK AOT cache of the classes a runner loads. A runner then starts in about 1.5 s
   * instead of about 4 s (measured on 2 cores). Until it is ready, runners start from the jar as
   * before; a failure only costs the speed-up.
   */
  void prepareFastStart(Path directory) {
    String classPath = System.getProperty("java.class.path");
    if (!isBootJar(classPath)) {
      return;
    }
    try {
      Path app = directory.resolve("app");
      java.nio.file.Files.createDirectories(directory);
      Path log = directory.resolve("prepare.log");
      int extracted =
          new ProcessBuilder(
                  javaExecutable(),
                  "-Djarmode=tools",
                  "-jar",
                  classPath,
                  "extract",
                  "--force",
                  "--destination",
                  app.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start()
              .waitFor();
      Path jar = app.resolve(Path.of(classPath).getFileName());
      if (extracted != 0 || !java.nio.file.Files.isRegularFile(jar)) {
        return;
      }
      extractedJar = jar;
      Path cache = directory.resolve("runner.aot");
      Path training = directory.resolve("runner.aot.training");
      java.nio.file.Files.deleteIfExists(training);
      // A runner of a batch that does not exist starts fully, then stops at once (bad input).
      ProcessBuilder train = runner("aot-training", 0, List.of("-XX:AOTCacheOutput=" + training));
      train.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      train.start().waitFor();
      if (java.nio.file.Files.isRegularFile(training)) {
        java.nio.file.Files.move(
            training, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        aotCache = cache;
      }
    } catch (java.io.IOException e) {
      // Runners start from the jar, as without this.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The process for one attempt of one shard, its output appended to {@code log}. */
  ProcessBuilder attempt(String batchId, int shard, Path log) {
    // A model job runs the engine (other JVM options); the cache was recorded for corpus runners.
    Path cache = RunnerKind.of(batchId).isModelJob() ? null : aotCache;
    ProcessBuilder builder =
        runner(batchId, shard, cache == null ? List.of() : List.of("-XX:AOTCache=" + cache));
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return builder;
  }

  private ProcessBuilder runner(String batchId, int shard, List<String> extraJavaOptions) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(RunnerKind.of(batchId).isModelJob() ? modelJobJavaOptions : javaOptions);
    command.addAll(extraJavaOptions);
    String classPath = System.getProperty("java.class.path");
    Path extracted = extractedJar;
    if (extracted != null) {
      command.add("-jar");
      command.add(extracted.toString());
    } else if (isBootJar(classPath)) {
      command.add("-jar");
      command.add(classPath);
    } else {
      command.add("-cp");
      command.add(classPath);
      command.add(LauncherApplication.class.getName());
    }
    command.add(BatchRunner.RUN_ARGUMENT);
    command.add("--" + BatchRunner.BATCH_ID_ARGUMENT + "=" + batchId);
    // The runner stops when the launcher dies, so no orphan works on while a restarted launcher
    // starts the shard again.
    command.add("--" + BatchRunner.PARENT_PID_ARGUMENT + "=" + ProcessHandle.current().pid());
    forward(command, "spring.datasource.url");
    forward(command, "spring.datasource.username");
    forward(command, "spring.kafka.bootstrap-servers");
    LauncherProperties.Storage storage = properties.storage();
    command.add(
        "--translation.launcher.storage.input-root=" + storage.inputRootPath().toAbsolutePath());
    command.add(
        "--translation.launcher.storage.output-root=" + storage.outputRootPath().toAbsolutePath());
    command.add("--translation.launcher.storage.allow-private-urls=" + storage.allowPrivateUrls());
    LauncherProperties.Runner runner = properties.runner();
    command.add("--translation.launcher.runner.lines-per-chunk=" + runner.linesPerChunk());
    command.add("--translation.launcher.runner.documents-per-chunk=" + runner.documentsPerChunk());
    command.add(
        "--translation.launcher.runner.segments-per-publish-chunk="
            + runner.segmentsPerPublishChunk());
    command.add(
        "--translation.launcher.runner.poll-interval=" + runner.pollInterval().toMillis() + "ms");
    command.add(
        "--translation.launcher.relay.interval=" + properties.relay().interval().toMillis() + "ms");
    LauncherProperties.Models models = properties.models();
    command.add("--translation.launcher.models.directory=" + models.directoryPath());
    command.add("--translation.launcher.models.work-directory=" + models.workDirectoryPath());
    command.add("--translation.launcher.models.cache-directory=" + models.cacheDirectoryPath());
    models
        .testSetsPath()
        .ifPresent(
            tests -> command.add("--translation.launcher.models.test-sets-directory=" + tests));
    command.add(
        "--translation.launcher.models.evaluation-beam-size=" + models.evaluationBeamSize());
    command.add(
        "--translation.launcher.models.evaluation-max-sentences="
            + models.evaluationMaxSentences());
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put(ShardAssignment.COMPLETION_INDEX, Integer.toString(shard));
    String password = environment.getProperty("spring.datasource.password");
    if (password != null) {
      env.put("SPRING_DATASOURCE_PASSWORD", password);
    }
    builder.redirectErrorStream(true);
    return builder;
  }

  /** Whether the launcher runs from its own executable jar ({@code java -jar job-launcher.jar}). */
  private static boolean isBootJar(String classPath) {
    if (classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")) {
      return false;
    }
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(classPath)) {
      return jar.getEntry("BOOT-INF/") != null;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private void forward(List<String> command, String property) {
    String value = environment.getProperty(property);
    if (value != null) {
      command.add("--" + property + "=" + value);
    }
  }

  private static String javaExecutable() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return Files.isExecutable(java) ? java.toString() : "java";
  }
}
