package dev.translation.engine.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Brings model bundles from where the registry says they are ({@code file:} on a shared volume, or
 * {@code http(s)}) into a local cache directory, and hands out only bundles whose every file has
 * the checksum the registry recorded. A bundle is copied aside and moved into place once complete,
 * under a name derived from its {@code model.json} checksum, so a cached copy is reused, two
 * versions never share a directory, and a crash mid-copy leaves nothing that looks complete.
 *
 * <p>A bundle at {@code URI} is the directory (or URL prefix) holding {@code model.json} and the
 * files it lists; each file is fetched as {@code URI/<name>}. Redirects are not followed.
 */
public final class BundleCache {

  /** A bundle file's name: no directories, nothing hidden. */
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

  private static final int MAX_MANIFEST_BYTES = 1 << 20;

  private final Path root;
  private final HttpClient http;
  private final Duration timeout;
  private final long maxFileBytes;

  /**
   * @param root the cache directory (created when missing)
   * @param timeout the longest one file may take to copy (an http(s) download included)
   * @param maxFileBytes the largest file a bundle may have
   */
  public BundleCache(Path root, Duration timeout, long maxFileBytes) {
    this.root = Objects.requireNonNull(root, "root");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.maxFileBytes = maxFileBytes;
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /**
   * The verified local copy of the bundle at {@code uri}.
   *
   * @param checksums SHA-256 of every file of the bundle, {@code model.json} included
   * @throws InvalidModelBundleException when a file is missing or larger than allowed, or any
   *     checksum differs (trying again cannot help); the message says which file and why
   * @throws BundleUnavailableException when the bundle could not be read for a reason that may pass
   *     (I/O, a timeout, a server error)
   */
  public ModelBundle fetch(URI uri, Map<String, String> checksums) {
    Objects.requireNonNull(uri, "uri");
    requireChecksums(uri, checksums);
    Path directory = root.resolve(checksums.get(ModelManifest.FILE_NAME).toLowerCase(Locale.ROOT));
    if (Files.isDirectory(directory)) {
      try {
        return verified(directory, uri, checksums);
      } catch (InvalidModelBundleException damaged) {
        deleteQuietly(directory);
      }
    }
    Path partial = root.resolve(".partial-" + UUID.randomUUID());
    try {
      Files.createDirectories(partial);
      for (Map.Entry<String, String> file : checksums.entrySet()) {
        copyVerified(uri, file.getKey(), file.getValue(), partial.resolve(file.getKey()));
      }
      verified(partial, uri, checksums);
      try {
        Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        // Another fetch of the same bundle finished first; its copy is as good as this one.
        if (!Files.isDirectory(directory)) {
          throw raced;
        }
      }
      return verified(directory, uri, checksums);
    } catch (IOException e) {
      throw new BundleUnavailableException("Cannot copy model bundle " + uri + ": " + e, e);
    } finally {
      deleteQuietly(partial);
    }
  }

  /**
   * The checksums of a bundle not registered yet, from its own {@code model.json}: that file's
   * checksum and the checksums it lists. {@link #fetch} then checks every file against them.
   *
   * @param expectedManifestSha256 the checksum {@code model.json} must have, or null to take it as
   *     found
   * @throws InvalidModelBundleException when there is no readable {@code model.json}, or it is not
   *     the expected one
   */
  public Map<String, String> checksumsOf(URI uri, String expectedManifestSha256) {
    Path partial = root.resolve(".manifest-" + UUID.randomUUID());
    try {
      Files.createDirectories(partial);
      Path manifest = partial.resolve(ModelManifest.FILE_NAME);
      try (InputStream in = open(uri, ModelManifest.FILE_NAME);
          OutputStream out = Files.newOutputStream(manifest)) {
        byte[] bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        if (bytes.length > MAX_MANIFEST_BYTES) {
          throw new InvalidModelBundleException(
              "model.json of bundle " + uri + " is larger than " + MAX_MANIFEST_BYTES + " bytes");
        }
        out.write(bytes);
      }
      String sha = ModelBundle.sha256(manifest);
      if (expectedManifestSha256 != null && !sha.equalsIgnoreCase(expectedManifestSha256)) {
        throw mismatch(uri, ModelManifest.FILE_NAME, expectedManifestSha256, sha);
      }
      Map<String, String> checksums =
          new java.util.TreeMap<>(ModelBundle.readManifest(partial).files());
      checksums.put(ModelManifest.FILE_NAME, sha);
      requireChecksums(uri, checksums);
      return checksums;
    } catch (IOException e) {
      throw new BundleUnavailableException("Cannot read model.json of bundle " + uri + ": " + e, e);
    } finally {
      deleteQuietly(partial);
    }
  }

  private static void requireChecksums(URI uri, Map<String, String> checksums) {
    if (checksums == null || !checksums.containsKey(ModelManifest.FILE_NAME)) {
      throw new InvalidModelBundleException(
          "No checksum of model.json for bundle " + uri + ": the registry entry is incomplete");
    }
    checksums.forEach(
        (name, sha) -> {
          if (!FILE_NAME.matcher(name).matches()) {
            throw new InvalidModelBundleException(
                "Bundle " + uri + " names a file that is not a plain file name: " + name);
          }
          if (sha == null || !SHA_256.matcher(sha.toLowerCase(Locale.ROOT)).matches()) {
            throw new InvalidModelBundleException(
                "Checksum of " + name + " in bundle " + uri + " is not a SHA-256: " + sha);
          }
        });
  }

  /** Opens the bundle, and checks that the registry's checksums cover every file it lists. */
  private static ModelBundle verified(Path directory, URI uri, Map<String, String> checksums) {
    for (Map.Entry<String, String> file : checksums.entrySet()) {
      String actual = ModelBundle.sha256(directory.resolve(file.getKey()));
      if (!actual.equalsIgnoreCase(file.getValue())) {
        throw mismatch(uri, file.getKey(), file.getValue(), actual);
      }
    }
    ModelBundle bundle = ModelBundle.open(directory);
    for (String listed : bundle.manifest().files().keySet()) {
      if (!checksums.containsKey(listed)) {
        throw new InvalidModelBundleException(
            "model.json of bundle "
                + uri
                + " lists "
                + listed
                + ", which the registry has no"
                + " checksum for");
      }
    }
    return bundle;
  }

  private void copyVerified(URI bundle, String name, String expected, Path target)
      throws IOException {
    MessageDigest digest = sha256();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (InputStream in = open(bundle, name);
        OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      for (int read; (read = in.read(buffer)) >= 0; ) {
        total += read;
        if (System.nanoTime() - deadline > 0) {
          throw new BundleUnavailableException(
              name + " of bundle " + bundle + " took longer than " + timeout + " to copy");
        }
        if (total > maxFileBytes) {
          throw new InvalidModelBundleException(
              name
                  + " of bundle "
                  + bundle
                  + " is larger than the limit of "
                  + maxFileBytes
                  + " bytes");
        }
        out.write(buffer, 0, read);
      }
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equalsIgnoreCase(expected)) {
      throw mismatch(bundle, name, expected, actual);
    }
  }

  private InputStream open(URI bundle, String name) throws IOException {
    String scheme = bundle.getScheme() == null ? "" : bundle.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "file" -> {
        try {
          return Files.newInputStream(Path.of(bundle).resolve(name));
        } catch (NoSuchFileException e) {
          throw new InvalidModelBundleException(
              "Model bundle " + bundle + " has no " + name + " (" + Path.of(bundle) + ")");
        }
      }
      case "http", "https" -> {
        String base = bundle.toString();
        URI file = URI.create(base.endsWith("/") ? base + name : base + "/" + name);
        HttpRequest request = HttpRequest.newBuilder(file).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
          response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while fetching " + file, e);
        }
        int status = response.statusCode();
        if (status != 200) {
          response.body().close();
          String message = "Cannot fetch " + file + ": HTTP " + status;
          throw status >= 500 || status == 408 || status == 429
              ? new BundleUnavailableException(message)
              : new InvalidModelBundleException(message);
        }
        return response.body();
      }
      default ->
          throw new InvalidModelBundleException(
              "Model bundle URI " + bundle + " is neither file: nor http(s):");
    }
  }

  private static InvalidModelBundleException mismatch(
      URI bundle, String name, String expected, String actual) {
    return new InvalidModelBundleException(
        "Refusing model bundle "
            + bundle
            + ": "
            + name
            + " has SHA-256 "
            + actual
            + " but the registry expects "
            + expected
            + " (a different or modified bundle, or an incomplete copy)");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }

  private static void deleteQuietly(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(BundleCache::deleteFile);
    } catch (IOException ignored) {
      // A leftover partial directory is harmless: its name never matches a bundle's.
    }
  }

  private static void deleteFile(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // See deleteQuietly.
    }
  }
}
