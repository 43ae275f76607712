package dev.translation.launcher.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class LauncherPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(LauncherProperties.class)
  static class Config {}

  @Test
  void theFileSystemRootIsTheFileSystemRootNotTheClassPaths() {
    new ApplicationContextRunner()
        .withUserConfiguration(Config.class)
        .withPropertyValues(
            "translation.launcher.storage.input-root=/",
            "translation.launcher.storage.output-root=data/batches",
            "translation.launcher.local.log-directory=/")
        .run(
            context -> {
              LauncherProperties properties = context.getBean(LauncherProperties.class);
              assertThat(properties.storage().inputRootPath()).isEqualTo(Path.of("/"));
              assertThat(properties.storage().outputRootPath()).isEqualTo(Path.of("data/batches"));
              assertThat(properties.local().logDirectoryPath()).isEqualTo(Path.of("/"));
            });
  }
}
