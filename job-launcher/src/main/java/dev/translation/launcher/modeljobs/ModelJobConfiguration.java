package dev.translation.launcher.modeljobs;

import dev.translation.engine.bundle.BundleCache;
import dev.translation.launcher.batch.BatchRunner;
import dev.translation.launcher.batch.GracefulStop;
import dev.translation.launcher.config.LauncherProperties;
import dev.translation.launcher.kubernetes.BatchExitCodes;
import dev.translation.launcher.models.Rollouts;
import dev.translation.launcher.persistence.CorrectionRepository;
import dev.translation.launcher.persistence.ModelJobRepository;
import dev.translation.launcher.persistence.ModelRegistryRepository;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;

/** The batch runner's model refresh and retraining jobs. */
@Configuration(proxyBeanMethods = false)
@Profile(BatchRunner.PROFILE)
public class ModelJobConfiguration {

  private static final DefaultTransactionAttribute WITHOUT_TRANSACTION =
      new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);

  /** The Spring Batch job of a refresh. */
  public static final String REFRESH_JOB = "model-refresh";

  /** The Spring Batch job of a retraining. */
  public static final String RETRAIN_JOB = "model-retrain";

  @Bean
  ModelJobRun modelJobRun(
      Environment environment, ModelJobRepository jobs, LauncherProperties properties) {
    return new ModelJobRun(
        environment.getProperty(BatchRunner.BATCH_ID_ARGUMENT, ""),
        jobs,
        properties.models().workDirectoryPath());
  }

  @Bean
  BundleCache modelJobBundleCache(LauncherProperties properties) {
    LauncherProperties.Models models = properties.models();
    return new BundleCache(
        models.cacheDirectoryPath(),
        models.bundleDownloadTimeout(),
        models.maxBundleFileSize().toBytes());
  }

  @Bean
  Job modelRefreshJob(
      JobRepository repository,
      PlatformTransactionManager transactions,
      ModelJobRun run,
      BundleCache modelJobBundleCache,
      ModelRegistryRepository registry,
      ModelJobRepository jobs,
      Rollouts rollouts,
      GracefulStop stop,
      LauncherProperties properties) {
    RefreshSteps steps =
        new RefreshSteps(
            run,
            modelJobBundleCache,
            new ModelEvaluations(properties.models()),
            registry,
            jobs,
            new RolloutStep(run, rollouts, jobs, registry),
            properties.models().directoryPath().resolve("registry"));
    Step fetch = step("fetch", steps.fetch(), repository, transactions, stop);
    Step gate = step("gate", steps.gate(), repository, transactions, stop);
    return new JobBuilder(REFRESH_JOB, repository)
        .listener(new ModelJobListener(run, jobs))
        .start(fetch)
        .on(RefreshSteps.UNCHANGED)
        .end()
        .from(fetch)
        .on(ExitStatus.COMPLETED.getExitCode())
        .to(step("evaluate", steps.evaluate(), repository, transactions, stop))
        .next(gate)
        .on(RefreshSteps.REJECTED)
        .end()
        .from(gate)
        .on(ExitStatus.COMPLETED.getExitCode())
        .to(atomicStep("register", steps.register(), repository, transactions, stop))
        .next(step("rollout", steps.rollOut(), repository, transactions, stop))
        .end()
        .build();
  }

  @Bean
  Job modelRetrainJob(
      JobRepository repository,
      PlatformTransactionManager transactions,
      ModelJobRun run,
      BundleCache modelJobBundleCache,
      ModelRegistryRepository registry,
      CorrectionRepository corrections,
      ModelJobRepository jobs,
      Rollouts rollouts,
      GracefulStop stop,
      LauncherProperties properties) {
    RetrainSteps steps =
        new RetrainSteps(
            run,
            modelJobBundleCache,
            new ModelEvaluations(properties.models()),
            registry,
            corrections,
            jobs,
            new RolloutStep(run, rollouts, jobs, registry),
            stop,
            properties);
    return new JobBuilder(RETRAIN_JOB, repository)
        .listener(new ModelJobListener(run, jobs))
        .start(step("collect", steps.collect(), repository, transactions, stop))
        .next(step("train", steps.train(), repository, transactions, stop))
        .next(atomicStep("register", steps.register(), repository, transactions, stop))
        .next(step("rollout", steps.rollOut(), repository, transactions, stop))
        .build();
  }

  /**
   * A step whose statements commit one by one, so its phase and progress are visible while it runs
   * and no row stays locked through minutes of evaluation or training.
   */
  private static Step step(
      String name,
      Tasklet tasklet,
      JobRepository repository,
      PlatformTransactionManager transactions,
      GracefulStop stop) {
    return new StepBuilder(name, repository)
        .tasklet(tasklet, transactions)
        .transactionAttribute(WITHOUT_TRANSACTION)
        .listener((StepExecutionListener) stop)
        .build();
  }

  /** A step whose writes commit together with the step (registering a version and its marks). */
  private static Step atomicStep(
      String name,
      Tasklet tasklet,
      JobRepository repository,
      PlatformTransactionManager transactions,
      GracefulStop stop) {
    return new StepBuilder(name, repository)
        .tasklet(tasklet, transactions)
        .listener((StepExecutionListener) stop)
        .build();
  }

  /**
   * Marks the attempt in the job's row, and records why one failed: bad input ends the job (the
   * executor will not retry it); anything else is noted while the executor retries.
   */
  private record ModelJobListener(ModelJobRun run, ModelJobRepository jobs)
      implements JobExecutionListener {

    @Override
    public void beforeJob(JobExecution execution) {
      jobs.attemptStarted(run.id());
    }

    @Override
    public void afterJob(JobExecution execution) {
      if (execution.getStatus() == BatchStatus.COMPLETED) {
        return;
      }
      String reason =
          execution.getAllFailureExceptions().stream()
              .map(Throwable::getMessage)
              .findFirst()
              .orElse(execution.getExitStatus().getExitDescription());
      if (BatchRunner.exitCodeOf(execution) == BatchExitCodes.BAD_INPUT) {
        jobs.finish(run.id(), "FAILED", reason);
      } else {
        jobs.attemptFailed(run.id(), reason);
      }
    }
  }
}
