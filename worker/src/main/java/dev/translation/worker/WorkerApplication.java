package dev.translation.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A translation worker: consumes one lane's topic, translates with the DJL engine and writes the
 * results to MySQL. One lane per process; scale out by running more processes (up to the topic's
 * partition count).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerApplication {

  public static void main(String[] args) {
    SpringApplication.run(WorkerApplication.class, args);
  }
}
