package dev.translation.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.engine.inference.EngineOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/** The worker's settings as Spring binds them: application.yml, overridden by the environment. */
class WorkerPropertiesTest {

  @Test
  void defaultsGiveTheEngineItsOwnLimits() throws IOException {
    WorkerProperties properties = bind(Map.of());

    assertThat(properties.engineOptions())
        .isEqualTo(EngineOptions.defaults().withThreadsPerCall(1));
  }

  @Test
  void engineLimitsAreSetFromTheEnvironment() throws IOException {
    WorkerProperties properties =
        bind(
            Map.of(
                "TRANSLATION_WORKER_ENGINELIMITS_MAXTEXTCHARS", "500",
                "TRANSLATION_WORKER_ENGINELIMITS_MAXBATCHSENTENCES", "16",
                "TRANSLATION_WORKER_ENGINELIMITS_MAXBATCHTOKENS", "1024"));

    EngineOptions options = properties.engineOptions();
    assertThat(options.maxTextChars()).isEqualTo(500);
    assertThat(options.maxBatchSentences()).isEqualTo(16);
    assertThat(options.maxBatchTokens()).isEqualTo(1024);
  }

  @Test
  void identityTranslationIsOffUnlessTheBenchmarkSwitchesItOn() throws IOException {
    assertThat(bind(Map.of()).identityTranslation()).isFalse();
    // The variable local-mode's PipelineBenchmark sets for its plumbing-ceiling run.
    assertThat(
            bind(Map.of("TRANSLATION_WORKER_IDENTITY_TRANSLATION", "true")).identityTranslation())
        .isTrue();
  }

  private static WorkerProperties bind(Map<String, Object> environment) throws IOException {
    List<PropertySource<?>> sources = new ArrayList<>();
    sources.add(
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
    sources.addAll(
        new YamlPropertySourceLoader()
            .load("application.yml", new ClassPathResource("application.yml")));
    return new Binder(ConfigurationPropertySources.from(sources))
        .bind("translation.worker", WorkerProperties.class)
        .get();
  }
}
