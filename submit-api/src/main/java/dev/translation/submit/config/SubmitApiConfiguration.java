package dev.translation.submit.config;

import dev.translation.documents.DocumentLimits;
import dev.translation.documents.FormatHandlers;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/** Application-wide beans that belong to no single concern. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
@EnableScheduling
public class SubmitApiConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** The format handlers uploads are read and downloads written with. */
  @Bean
  FormatHandlers formatHandlers() {
    return FormatHandlers.all(DocumentLimits.DEFAULTS);
  }

  /**
   * Strings in requests must be JSON strings: Jackson would otherwise turn {@code [1, true]} into
   * {@code ["1", "true"]} and a client's type mistake into a silent translation of "true".
   */
  @Bean
  JsonMapperBuilderCustomizer strictStrings() {
    return builder ->
        builder.withCoercionConfig(
            LogicalType.Textual,
            config -> {
              config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
              config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
              config.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
            });
  }
}
