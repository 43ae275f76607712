package dev.translation.engine.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.translation.engine.StarterModel;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies the starter bundle into a cache from a directory and over HTTP, verifying checksums. */
class BundleCacheTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path cacheRoot;
  @TempDir Path elsewhere;

  private final Path starter = StarterModel.bundle();
  private final Map<String, String> checksums = ModelBundle.checksums(starter);

  @Test
  void copiesAFileBundleIntoTheCacheUnderItsManifestChecksumAndReusesTheCopy() throws IOException {
    BundleCache cache = new BundleCache(cacheRoot, TIMEOUT, Long.MAX_VALUE);

    ModelBundle first = cache.fetch(starter.toUri(), checksums);
    Path copied = first.directory();
    assertThat(copied).isEqualTo(cacheRoot.resolve(checksums.get("model.json")));
    assertThat(first.manifest().id()).isEqualTo(ModelBundle.open(starter).manifest().id());
    assertThat(checksums).containsKeys("model.json", "model.pt", "sentencepiece.model");

    long modified = Files.getLastModifiedTime(copied.resolve("model.pt")).toMillis();
    ModelBundle second = cache.fetch(starter.toUri(), checksums);
    assertThat(second.directory()).isEqualTo(copied);
    assertThat(Files.getLastModifiedTime(copied.resolve("model.pt")).toMillis())
        .isEqualTo(modified);
    try (Stream<Path> entries = Files.list(cacheRoot)) {
      assertThat(entries).containsExactly(copied);
    }
  }

  @Test
  void refusesABundleWhoseFileDiffersFromTheRegistrysChecksumAndLeavesNothingCached()
      throws IOException {
    Map<String, String> wrong = new HashMap<>(checksums);
    wrong.put("sentencepiece.model", "0".repeat(64));
    BundleCache cache = new BundleCache(cacheRoot, TIMEOUT, Long.MAX_VALUE);

    assertThatThrownBy(() -> cache.fetch(starter.toUri(), wrong))
        .isInstanceOf(InvalidModelBundleException.class)
        .hasMessageContaining(
            "sentencepiece.model has SHA-256 " + checksums.get("sentencepiece.model"))
        .hasMessageContaining("registry expects " + "0".repeat(64));
    try (Stream<Path> entries = Files.list(cacheRoot)) {
      assertThat(entries).isEmpty();
    }
  }

  @Test
  void refusesATamperedBundleEvenWhenItsOwnManifestAgreesWithIt() throws IOException {
    Path tampered = elsewhere.resolve("tampered");
    Files.createDirectories(tampered);
    for (String file : new String[] {"model.pt", "sentencepiece.model"}) {
      Files.copy(starter.resolve(file), tampered.resolve(file));
    }
    Files.write(
        tampered.resolve("sentencepiece.model"),
        new byte[] {1},
        java.nio.file.StandardOpenOption.APPEND);
    ModelBundle.writeManifest(tampered, ModelBundle.readManifest(starter));
    BundleCache cache = new BundleCache(cacheRoot, TIMEOUT, Long.MAX_VALUE);

    assertThatThrownBy(() -> cache.fetch(tampered.toUri(), checksums))
        .isInstanceOf(InvalidModelBundleException.class)
        .hasMessageContaining("Refusing model bundle");
  }

  @Test
  void refusesIncompleteRegistryEntriesAndFileNamesThatLeaveTheBundle() {
    BundleCache cache = new BundleCache(cacheRoot, TIMEOUT, Long.MAX_VALUE);
    Map<String, String> noManifest = new HashMap<>(checksums);
    noManifest.remove("model.json");
    Map<String, String> escaping = new HashMap<>(checksums);
    escaping.put("../etc/passwd", "0".repeat(64));
    Map<String, String> missingFile = new HashMap<>(checksums);
    missingFile.remove("model.pt");

    assertThatThrownBy(() -> cache.fetch(starter.toUri(), noManifest))
        .hasMessageContaining("No checksum of model.json");
    assertThatThrownBy(() -> cache.fetch(starter.toUri(), escaping))
        .hasMessageContaining("not a plain file name");
    assertThatThrownBy(() -> cache.fetch(starter.toUri(), missingFile))
        .hasMessageContaining("model.pt");
    assertThatThrownBy(() -> cache.fetch(URI.create("ftp://example.org/b/"), checksums))
        .hasMessageContaining("neither file: nor http(s):");
  }

  @Test
  void fetchesOverHttpAndRefusesAMissingFileAndAFileOverTheSizeLimit() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/bundles/starter/",
        exchange -> {
          requests.incrementAndGet();
          String name = Path.of(exchange.getRequestURI().getPath()).getFileName().toString();
          Path file = starter.resolve(name);
          if (name.equals("busy.bin")) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
          }
          if (!Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          exchange.sendResponseHeaders(200, Files.size(file));
          try (OutputStream out = exchange.getResponseBody()) {
            Files.copy(file, out);
          }
        });
    server.start();
    try {
      URI uri =
          URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/bundles/starter");

      ModelBundle bundle =
          new BundleCache(cacheRoot, TIMEOUT, Long.MAX_VALUE).fetch(uri, checksums);
      assertThat(bundle.manifest().files()).containsKeys("model.pt");
      assertThat(requests).hasValue(3);

      Map<String, String> extra = new HashMap<>(checksums);
      extra.put("missing.bin", "0".repeat(64));
      assertThatThrownBy(
              () -> new BundleCache(elsewhere, TIMEOUT, Long.MAX_VALUE).fetch(uri, extra))
          .isInstanceOf(InvalidModelBundleException.class)
          .hasMessageContaining("missing.bin: HTTP 404");
      assertThatThrownBy(() -> new BundleCache(elsewhere, TIMEOUT, 1000).fetch(uri, checksums))
          .isInstanceOf(InvalidModelBundleException.class)
          .hasMessageContaining("larger than the limit of 1000 bytes");
      // A server error may pass: worth another try, unlike a missing file.
      Map<String, String> busy = new HashMap<>(checksums);
      busy.put("busy.bin", "0".repeat(64));
      assertThatThrownBy(() -> new BundleCache(elsewhere, TIMEOUT, Long.MAX_VALUE).fetch(uri, busy))
          .isInstanceOf(BundleUnavailableException.class)
          .hasMessageContaining("busy.bin: HTTP 503");
    } finally {
      server.stop(0);
    }
  }
}
