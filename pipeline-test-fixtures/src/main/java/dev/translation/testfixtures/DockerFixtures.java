package dev.translation.testfixtures;

import dev.translation.contracts.Topics;
import dev.translation.topics.PipelineTopics;
import java.util.List;
import org.apache.kafka.common.utils.AppInfoParser;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/** The Testcontainers path of {@link SharedFixtures}: the only class that names Testcontainers. */
final class DockerFixtures {

  /** The production database is MySQL 8.4 (LTS): with Docker, test against the real thing. */
  private static final String MYSQL_IMAGE = "mysql:8.4";

  private DockerFixtures() {}

  /** Whether a Docker daemon answers Testcontainers (its own lookup: DOCKER_HOST, socket, ...). */
  static boolean dockerAnswers() {
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
    // As the embedded server's URL (batched inserts rewritten, no TLS), plus public key retrieval:
    // MySQL 8.4 authenticates with caching_sha2_password, which without TLS needs the server's RSA
    // key until the password is in the server's cache.
    String url =
        "jdbc:mysql://"
            + mysql.getHost()
            + ":"
            + mysql.getMappedPort(3306)
            + "/translation?rewriteBatchedStatements=true&sslMode=DISABLED"
            + "&allowPublicKeyRetrieval=true";
    return new DatabaseEndpoint(
        url, mysql.getUsername(), mysql.getPassword(), FixtureSource.TESTCONTAINERS);
  }
}
