package dev.translation.submit;

import dev.translation.testfixtures.DatabaseEndpoint;
import dev.translation.testfixtures.SharedFixtures;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points an application context at a database of its own on the shared MySQL-compatible server. */
public final class TestDatabase {

  private TestDatabase() {}

  /** Creates (or reuses) database {@code name} and registers it as the context's datasource. */
  public static void register(DynamicPropertyRegistry registry, String name) {
    DatabaseEndpoint database = SharedFixtures.database().createDatabase(name);
    registry.add("spring.datasource.url", database::jdbcUrl);
    registry.add("spring.datasource.username", database::username);
    registry.add("spring.datasource.password", database::password);
  }
}
