package dev.translation.worker;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * A translation worker: consumes one lane's topic, translates with the DJL engine and writes the
 * results to MySQL. One lane per process; scale out by running more processes (up to the topic's
 * partition count).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerApplication {

  /**
   * The time queue latency and job events are measured with, injected rather than read from the
   * system so that a test can fix it.
   */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  public static void main(String[] args) {
    SpringApplication.run(WorkerApplication.class, args);
  }
}
