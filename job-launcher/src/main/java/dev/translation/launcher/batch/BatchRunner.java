package dev.translation.launcher.batch;

import dev.translation.launcher.kubernetes.BatchExitCodes;
import dev.translation.launcher.launch.RunnerKind;
import dev.translation.launcher.modeljobs.ModelJobConfiguration;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The batch runner: what a Job's pod (or a local executor's process) runs with {@code --run
 * --batch-id=ID}, for the shard in {@code JOB_COMPLETION_INDEX}. It runs the shard's corpus job to
 * its end and exits with a code that tells the executor whether a retry can help ({@link
 * BatchExitCodes}).
 *
 * <p>The job's identifying parameters are the batch id and the shard, and nothing else (no
 * incrementer), so every attempt of a shard is the same JobInstance: a first attempt starts it, a
 * later one restarts it from its last committed chunk. An attempt killed outright (SIGKILL, OOM)
 * leaves its execution STARTED; the next attempt recovers that execution first (marks it failed),
 * then restarts. SIGTERM stops the job between chunks (STOPPED, restartable) before the process
 * ends.
 */
@Component
@Profile(BatchRunner.PROFILE)
public class BatchRunner implements ApplicationRunner, ExitCodeGenerator, SmartLifecycle {

  /** The profile that makes the application a batch runner instead of the launcher service. */
  public static final String PROFILE = "batch-runner";

  /** The argument that selects the runner. */
  public static final String RUN_ARGUMENT = "--run";

  /** The property (argument {@code --batch-id=ID}) naming the batch. */
  public static final String BATCH_ID_ARGUMENT = "batch-id";

  /**
   * The property (argument {@code --parent-pid=PID}) naming the process that started this runner
   * (the local executor's launcher): when it ends, the runner stops too.
   */
  public static final String PARENT_PID_ARGUMENT = "parent-pid";

  private static final String BATCH_ID_PARAMETER = "batch.id";
  private static final String SHARD_PARAMETER = "shard.index";
  private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(25);

  private final JobOperator jobOperator;
  private final JobRepository jobRepository;
  private final List<Job> jobs;
  private final CurrentShard current;
  private final GracefulStop gracefulStop;
  private final AwaitResults await;
  private final AtomicInteger exitCode = new AtomicInteger(BatchExitCodes.TRANSIENT);
  private volatile boolean running;
  private volatile Thread runnerThread;

  public BatchRunner(
      JobOperator jobOperator,
      JobRepository jobRepository,
      List<Job> jobs,
      CurrentShard current,
      GracefulStop gracefulStop,
      AwaitResults await) {
    this.jobOperator = jobOperator;
    this.jobRepository = jobRepository;
    this.jobs = jobs;
    this.current = current;
    this.gracefulStop = gracefulStop;
    this.await = await;
  }

  /** Whether the command line asks for the runner. */
  public static boolean requested(String[] args) {
    return Arrays.asList(args).contains(RUN_ARGUMENT);
  }

  /**
   * Runs the shard named by the arguments and the environment, and returns the process's exit code.
   * A failure before the job could start (no database, a bad argument) is transient, since the next
   * attempt may find the database back.
   */
  public static int run(Class<?> application, String[] args) {
    SpringApplication app = new SpringApplication(application);
    app.setAdditionalProfiles(PROFILE);
    app.setWebApplicationType(WebApplicationType.NONE);
    try {
      ConfigurableApplicationContext context = app.run(args);
      return SpringApplication.exit(context);
    } catch (RuntimeException e) {
      Optional<BadInputException> badInput = badInput(List.of(e));
      if (badInput.isPresent()) {
        log.error("bad input: {}", badInput.get().getMessage());
        return BatchExitCodes.BAD_INPUT;
      }
      log.error("the batch runner could not run: {}", e.toString(), e);
      return BatchExitCodes.TRANSIENT;
    }
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    if (args.containsOption(PARENT_PID_ARGUMENT)) {
      stopWithParent(Long.parseLong(args.getOptionValues(PARENT_PID_ARGUMENT).getFirst()));
    }
    runnerThread = Thread.currentThread();
    try {
      JobExecution execution = runShard();
      exitCode.set(exitCodeOf(execution));
    } finally {
      runnerThread = null;
    }
  }

  private JobExecution runShard() throws Exception {
    ShardAssignment shard = current.assignment();
    Job job = jobFor(RunnerKind.of(shard.batchId()));
    JobParameters parameters = parameters(shard);
    JobInstance instance = jobRepository.getJobInstance(job.getName(), parameters);
    if (instance == null) {
      log.info("batch {} shard {}: starting", shard.batchId(), shard.shard());
      return jobOperator.start(job, parameters);
    }
    JobExecution last = jobRepository.getLastJobExecution(instance);
    if (last.getStatus() == BatchStatus.COMPLETED) {
      log.info("batch {} shard {}: already completed", shard.batchId(), shard.shard());
      return last;
    }
    if (last.getStatus().isRunning()) {
      log.warn(
          "batch {} shard {}: execution {} was left {} by an attempt that was killed; recovering it",
          shard.batchId(),
          shard.shard(),
          last.getId(),
          last.getStatus());
      last = jobOperator.recover(last);
    }
    log.info(
        "batch {} shard {}: restarting after execution {} ({})",
        shard.batchId(),
        shard.shard(),
        last.getId(),
        last.getStatus());
    return jobOperator.restart(last);
  }

  /** The Spring Batch job a run of this kind is. */
  private Job jobFor(RunnerKind kind) {
    String name =
        switch (kind) {
          case CORPUS_BATCH -> CorpusTranslationJobConfiguration.JOB;
          case MODEL_REFRESH -> ModelJobConfiguration.REFRESH_JOB;
          case MODEL_RETRAIN -> ModelJobConfiguration.RETRAIN_JOB;
        };
    return jobs.stream()
        .filter(job -> job.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no job " + name + " in the runner"));
  }

  private static void stopWithParent(long pid) {
    Runnable stop =
        () -> {
          log.warn("the launcher (process {}) is gone; stopping after the current chunk", pid);
          // Runs the shutdown hooks, which stop the job gracefully (see stop()).
          System.exit(BatchExitCodes.TRANSIENT);
        };
    ProcessHandle.of(pid)
        .ifPresentOrElse(
            parent -> parent.onExit().thenRun(stop), () -> Thread.ofVirtual().start(stop));
  }

  /** The identifying parameters of a shard's job: the batch and the shard, nothing else. */
  public static JobParameters parameters(ShardAssignment shard) {
    return new JobParametersBuilder()
        .addString(BATCH_ID_PARAMETER, shard.batchId())
        .addLong(SHARD_PARAMETER, (long) shard.shard())
        .toJobParameters();
  }

  /** The exit code of a finished execution. */
  public static int exitCodeOf(JobExecution execution) {
    if (execution.getStatus() == BatchStatus.COMPLETED
        || failure(execution.getAllFailureExceptions(), BatchEndedException.class).isPresent()) {
      return BatchExitCodes.SUCCEEDED;
    }
    return badInput(execution.getAllFailureExceptions()).isPresent()
        ? BatchExitCodes.BAD_INPUT
        : BatchExitCodes.TRANSIENT;
  }

  /** The bad-input exception among these failures (or their causes), if any. */
  static Optional<BadInputException> badInput(List<Throwable> failures) {
    return failure(failures, BadInputException.class);
  }

  private static <T extends Throwable> Optional<T> failure(
      List<Throwable> failures, Class<T> type) {
    for (Throwable failure : failures) {
      for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
        if (type.isInstance(e)) {
          return Optional.of(type.cast(e));
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public int getExitCode() {
    return exitCode.get();
  }

  @Override
  public void start() {
    running = true;
  }

  /**
   * SIGTERM (the context closing while the job runs): asks the job to stop after its current chunk
   * and waits for it, so the execution ends STOPPED and the next attempt restarts it cleanly.
   */
  @Override
  public void stop() {
    running = false;
    Thread thread = runnerThread;
    if (thread == null) {
      return;
    }
    log.info("stopping after the current chunk");
    gracefulStop.request();
    await.stop(null);
    try {
      thread.join(STOP_GRACE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops first, before anything the job uses is closed. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
