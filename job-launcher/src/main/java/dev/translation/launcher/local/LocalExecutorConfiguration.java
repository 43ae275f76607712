package dev.translation.launcher.local;

import dev.translation.launcher.config.LauncherProperties;
import dev.translation.launcher.launch.ExecutionEvents;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/** The local executor, when {@code translation.launcher.executor=local} (the default). */
@Configuration(proxyBeanMethods = false)
@Profile("!batch-runner")
@ConditionalOnProperty(
    name = "translation.launcher.executor",
    havingValue = "local",
    matchIfMissing = true)
class LocalExecutorConfiguration {

  @Bean(destroyMethod = "close")
  LocalBatchExecutor localBatchExecutor(
      LauncherProperties properties, Environment environment, ExecutionEvents events) {
    RunnerCommand command = new RunnerCommand(environment, properties);
    Thread.ofVirtual()
        .name("runner-fast-start")
        .start(
            () ->
                command.prepareFastStart(
                    properties
                        .local()
                        .logDirectoryPath()
                        .toAbsolutePath()
                        .resolveSibling("runner")));
    return new LocalBatchExecutor(command, events, properties.local());
  }
}
