package dev.translation.launcher.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every {@code /v1} request needs an API key. */
@Configuration(proxyBeanMethods = false)
@Profile("!batch-runner")
class WebConfiguration implements WebMvcConfigurer {

  private final JdbcClient jdbc;

  WebConfiguration(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new ApiKeyInterceptor(jdbc)).addPathPatterns("/v1/**");
  }
}
