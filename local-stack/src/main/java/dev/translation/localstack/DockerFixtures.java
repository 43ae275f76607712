package dev.translation.localstack;

import dev.translation.contracts.Topics;
import dev.translation.topics.PipelineTopics;
import java.util.List;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers path of {@link SharedFixtures}. The only class that names Testcontainers
 * types, and it is loaded only after {@link SharedFixtures} has seen them on the classpath: the
 * dependency is optional, so local mode and modules that never use Docker do not carry it.
 */
final class DockerFixtures {

  /** The production database is MySQL 8.4 (LTS): with Docker, test against the real thing. */
  private static final String MYSQL_IMAGE = "mysql:8.4";

  private DockerFixtures() {}

  static boolean isTestcontainersOnClasspath() {
    try {
      Class.forName(
          "org.testcontainers.DockerClientFactory", false, DockerFixtures.class.getClassLoader());
      Class.forName(
          "org.testcontainers.kafka.KafkaContainer", false, DockerFixtures.class.getClassLoader());
      Class.forName(
          "org.testcontainers.mysql.MySQLContainer", false, DockerFixtures.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  static boolean isDockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /** Starts Kafka in the broker version matching this JVM's Kafka clients. */
  static KafkaEndpoint startKafka(List<Runnable> onShutdown) {
    KafkaContainer kafka =
        new KafkaContainer(DockerImageName.parse("apache/kafka:" + AppInfoParser.getVersion()));
    kafka.start();
    onShutdown.add(kafka::stop);
    PipelineTopics.create(kafka.getBootstrapServers(), Topics.ALL, (short) 1);
    return new KafkaEndpoint(kafka.getBootstrapServers(), FixtureSource.TESTCONTAINERS);
  }

  /** Starts MySQL with root as the user, so tests may create a database each. */
  static DatabaseEndpoint startMySql(List<Runnable> onShutdown) {
    MySQLContainer mysql =
        new MySQLContainer(DockerImageName.parse(MYSQL_IMAGE))
            .withDatabaseName("translation")
            .withUsername("root")
            .withPassword("translation");
    mysql.start();
    onShutdown.add(mysql::stop);
    return new DatabaseEndpoint(
        DatabaseEndpoint.mysqlUrl(mysql.getHost(), mysql.getMappedPort(3306), "translation"),
        mysql.getUsername(),
        mysql.getPassword(),
        FixtureSource.TESTCONTAINERS);
  }
}
