package dev.translation.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Settings a local server keeps in its data directory so that a restart comes back the same way:
 * same ports (clients configured with the old address keep working), same cluster id.
 */
final class StateFile {

  private final Path file;
  private final Properties properties = new Properties();

  StateFile(Path file) {
    this.file = file;
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        properties.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
  }

  /**
   * The port remembered under {@code key}; else {@code configured} when it is not 0; else a free
   * loopback port. The answer is remembered (call {@link #save}).
   */
  int port(String key, int configured) {
    String remembered = properties.getProperty(key);
    int port;
    if (configured != 0) {
      port = configured;
    } else if (remembered != null) {
      port = Integer.parseInt(remembered);
    } else {
      port = freeLoopbackPort();
    }
    properties.setProperty(key, Integer.toString(port));
    return port;
  }

  Path file() {
    return file;
  }

  String get(String key) {
    return properties.getProperty(key);
  }

  void put(String key, String value) {
    properties.setProperty(key, value);
  }

  void save(String comment) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      try (OutputStream out = Files.newOutputStream(temporary)) {
        properties.store(out, comment);
      }
      // A half-written file after a crash would lose the ports; a rename cannot be half done.
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** A port nobody listens on right now. Another process may take it before we bind: rare here. */
  static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }

  /** Fails with a message naming the owner of the setting when {@code port} is taken. */
  static void requireFree(int port, String what, Path rememberedIn) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new IllegalStateException(
          what
              + " port "
              + port
              + " (remembered in "
              + rememberedIn
              + ") is already in use: is another server running on this data directory, or does"
              + " another program use the port? Stop it or configure another port.",
          e);
    }
  }
}
