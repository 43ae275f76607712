package dev.translation.launcher.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.contracts.LanguagePair;
import dev.translation.launcher.corpus.BatchPriority;
import dev.translation.launcher.corpus.CorpusBatch;
import dev.translation.launcher.corpus.CorpusFormat;
import dev.translation.launcher.launch.BatchExecutor;
import dev.translation.launcher.launch.ExecutionEvents;
import dev.translation.launcher.launch.LaunchedBatch;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * When the Kubernetes executor exists, and that {@code application.yml}'s defaults make the Job of
 * {@code k8s/jobs/corpus-batch-job.yaml}. Creating the client and executor touches no API server.
 */
class KubernetesExecutorConfigurationTest {

  /** Stands in for the application's properties scan. */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(KubernetesExecutorProperties.class)
  static class ScannedProperties {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withInitializer(new ConfigDataApplicationContextInitializer())
          .withUserConfiguration(ScannedProperties.class, KubernetesExecutorConfiguration.class)
          .withBean(ExecutionEvents.class, RecordingExecutionEvents::new);

  @Test
  void theKubernetesExecutorRunsBatchesWhenConfigured() {
    runner
        .withPropertyValues(
            "translation.launcher.executor=kubernetes",
            "translation.launcher.kubernetes.priority-classes.high=translation-batch-high")
        .run(
            context -> {
              assertThat(context).hasSingleBean(BatchExecutor.class);
              KubernetesBatchExecutor executor = context.getBean(KubernetesBatchExecutor.class);
              assertThat(executor.name()).isEqualTo("KUBERNETES");

              BatchJobSpec urgent = executor.jobSpec(batch(BatchPriority.HIGH));
              assertThat(urgent.priorityClassName()).isEqualTo("translation-batch-high");
              assertThat(executor.jobSpec(batch(BatchPriority.NORMAL)).priorityClassName())
                  .isNull();
            });
  }

  @Test
  void theDefaultsMakeTheCommittedJobTemplate() {
    runner
        .withPropertyValues("translation.launcher.executor=kubernetes")
        .run(
            context -> {
              assertThat(context.getBean(KubernetesExecutorProperties.class).namespace())
                  .isEqualTo("translation");
              BatchJobSpec example = BatchJobs.example();
              BatchJobSpec configured =
                  context
                      .getBean(KubernetesBatchExecutor.class)
                      .jobSpec(
                          LaunchedBatch.of(
                              new CorpusBatch(
                                  example.batchId(),
                                  1,
                                  "in/corpus.txt",
                                  CorpusFormat.TEXT,
                                  null,
                                  false,
                                  "out",
                                  LanguagePair.GERMAN_TO_ENGLISH,
                                  example.shards()),
                              BatchPriority.NORMAL,
                              new LaunchedBatch.RetryLimits(
                                  example.backoffLimit(),
                                  example.backoffLimitPerIndex(),
                                  example.maxFailedIndexes(),
                                  example.activeDeadline())));
              assertThat(BatchJobs.corpusJob(configured)).isEqualTo(BatchJobs.corpusJob(example));
            });
  }

  @Test
  void noKubernetesExecutorUnlessConfigured() {
    runner.run(context -> assertThat(context).doesNotHaveBean(BatchExecutor.class));
    runner
        .withPropertyValues("translation.launcher.executor=local")
        .run(context -> assertThat(context).doesNotHaveBean(BatchExecutor.class));
  }

  @Test
  void theBatchRunnerNeverLaunches() {
    runner
        .withPropertyValues("translation.launcher.executor=kubernetes")
        .withInitializer(context -> context.getEnvironment().setActiveProfiles("batch-runner"))
        .run(context -> assertThat(context).doesNotHaveBean(BatchExecutor.class));
  }

  private static LaunchedBatch batch(BatchPriority priority) {
    return LaunchedBatch.of(
        new CorpusBatch(
            "b-1",
            1,
            "in/corpus.txt",
            CorpusFormat.TEXT,
            null,
            false,
            "out",
            LanguagePair.GERMAN_TO_ENGLISH,
            1),
        priority,
        new LaunchedBatch.RetryLimits(6, 0, 0, Duration.ofHours(1)));
  }
}
