package dev.translation.launcher.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans both roles (launcher service and batch runner) share. */
@Configuration(proxyBeanMethods = false)
public class LauncherConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
