package dev.translation.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * What the end-to-end tests run: the apps' jars, built earlier in the same reactor (the root pom
 * lists local-mode after the apps; they are not dependencies of this module), and free ports.
 */
final class BuiltRepository {

  private BuiltRepository() {}

  /** The checkout, after checking that each of {@code jars} (relative to it) is built. */
  static Path withJars(String... jars) {
    Path root = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();
    for (String jar : jars) {
      assertThat(root.resolve(jar))
          .as(
              "%s: build with ./mvnw verify, or -pl local-mode,submit-api,worker,job-launcher -am",
              jar)
          .isRegularFile();
    }
    return root;
  }

  /** A port nothing listens on now. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
