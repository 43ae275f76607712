package dev.translation.launcher.modeljobs;

import dev.translation.contracts.LanguagePair;
import dev.translation.launcher.batch.BadInputException;
import dev.translation.launcher.models.ModelJob;
import dev.translation.launcher.persistence.ModelJobRepository;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model job this runner process runs: its row, its scratch directory (kept across attempts, so
 * a retried pod resumes), and the values its steps hand each other in the job's execution context,
 * which Spring Batch saves after every step.
 */
final class ModelJobRun {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String id;
  private final ModelJobRepository jobs;
  private final Path workRoot;
  private volatile ModelJob job;

  ModelJobRun(String id, ModelJobRepository jobs, Path workRoot) {
    this.id = id;
    this.jobs = jobs;
    this.workRoot = workRoot;
  }

  String id() {
    return id;
  }

  /** The job's row, read once. */
  ModelJob job() {
    ModelJob read = job;
    if (read == null) {
      read = jobs.find(id).orElseThrow(() -> new BadInputException("there is no model job " + id));
      job = read;
    }
    return read;
  }

  LanguagePair languages() {
    return LanguagePair.parse(job().request().languages());
  }

  /** Who changes the registry for this job: the key that launched it, and the job. */
  String actor() {
    return job().launchedBy() + " (" + id + ")";
  }

  /** The job's own directory: data, checkpoints, cut test sets. */
  Path directory() {
    return workRoot.resolve(id);
  }

  /** What the job has recorded as its result so far (empty before the first record). */
  Map<String, Object> currentResult(ModelJobRepository jobs) {
    Map<String, Object> result = jobs.find(id).map(ModelJob::result).orElse(null);
    return result == null ? Map.of() : result;
  }

  void phase(String phase) {
    jobs.phase(id, phase);
  }

  static ExecutionContext context(StepContribution contribution) {
    return contribution.getStepExecution().getJobExecution().getExecutionContext();
  }

  static void put(StepContribution contribution, String key, Object value) {
    context(contribution).putString(key, JSON.writeValueAsString(value));
  }

  static <T> T get(StepContribution contribution, String key, TypeReference<T> type) {
    String json = context(contribution).getString(key);
    return JSON.readValue(json, type);
  }

  static <T> T get(StepContribution contribution, String key, Class<T> type) {
    return JSON.readValue(context(contribution).getString(key), type);
  }

  static Map<String, Object> asMap(Object value) {
    return JSON.convertValue(value, new TypeReference<Map<String, Object>>() {});
  }
}
