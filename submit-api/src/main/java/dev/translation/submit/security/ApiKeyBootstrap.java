package dev.translation.submit.security;

import dev.translation.submit.config.ApiProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Local mode's first key: when {@code translation.api.bootstrap-key-file} is set and the {@code
 * api_keys} table is empty, creates a key named {@value #KEY_NAME} and writes it to that file
 * (owner read/write only). Later starts find a key and leave the file alone, so the key survives
 * restarts along with the database.
 */
@Component
public class ApiKeyBootstrap implements ApplicationRunner {

  /** Name of the key created at bootstrap. */
  public static final String KEY_NAME = "bootstrap";

  private static final Logger log = LoggerFactory.getLogger(ApiKeyBootstrap.class);

  private final ApiKeyService keys;
  private final ApiProperties properties;

  public ApiKeyBootstrap(ApiKeyService keys, ApiProperties properties) {
    this.keys = keys;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    Path file = properties.bootstrapKeyFile();
    if (file != null && !file.toString().isBlank()) {
      bootstrap(file);
    }
  }

  /**
   * Creates the first key into {@code file} if there is no key yet.
   *
   * @return the created key, or empty when keys already existed
   */
  public Optional<IssuedApiKey> bootstrap(Path file) {
    Optional<IssuedApiKey> created = keys.createIfNoneExists(KEY_NAME);
    if (created.isEmpty()) {
      if (!Files.exists(file)) {
        log.warn(
            "API keys exist already, so none was written to {}; create one with"
                + " 'java -jar submit-api.jar --create-api-key=NAME'",
            file);
      }
      return created;
    }
    writeOwnerOnly(file, created.get().secret() + System.lineSeparator());
    log.info("created the first API key (id {}) and wrote it to {}", created.get().id(), file);
    return created;
  }

  static void writeOwnerOnly(Path file, String content) {
    try {
      Path target = file.toAbsolutePath();
      Files.createDirectories(target.getParent());
      Path temporary = Files.createTempFile(target.getParent(), ".api-key", ".tmp");
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
      }
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the API key to " + file, e);
    }
  }
}
