package dev.translation.submit.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.submit.config.ApiProperties;
import dev.translation.submit.persistence.ApiKeyRepository;
import dev.translation.testfixtures.DatabaseEndpoint;
import dev.translation.testfixtures.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class ApiKeyBootstrapIT {

  @TempDir Path directory;

  @Test
  void theFirstKeyIsWrittenOwnerOnlyAndLaterStartsLeaveItAlone() throws Exception {
    DatabaseEndpoint database = SharedFixtures.database().createDatabase("submit_api_bootstrap");
    DriverManagerDataSource dataSource =
        new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
    Flyway.configure().dataSource(dataSource).load().migrate();
    JdbcClient.create(dataSource).sql("DELETE FROM api_keys").update();
    ApiKeyService keys = new ApiKeyService(new ApiKeyRepository(JdbcClient.create(dataSource)));
    Path file = directory.resolve("secrets/api-key");
    ApiKeyBootstrap bootstrap =
        new ApiKeyBootstrap(
            keys,
            new ApiProperties(null, null, null, null, null, null, null, null, null, null, file));

    Optional<IssuedApiKey> first = bootstrap.bootstrap(file);
    Optional<IssuedApiKey> second = bootstrap.bootstrap(file);

    assertThat(first).isPresent();
    String written = Files.readString(file).strip();
    assertThat(written).isEqualTo(first.get().secret());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(keys.authenticate(written)).map(ApiKey::name).contains(ApiKeyBootstrap.KEY_NAME);
    assertThat(second).isEmpty();
    assertThat(Files.readString(file).strip()).isEqualTo(written);
  }
}
