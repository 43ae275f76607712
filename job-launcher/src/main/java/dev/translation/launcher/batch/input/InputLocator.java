package dev.translation.launcher.batch.input;

import dev.translation.launcher.batch.BadInputException;
import dev.translation.launcher.config.LauncherProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finds a batch's input on this machine: a path below the input root, or a copy of an http(s) URL
 * fetched into the shard's work directory. Paths never leave their root, not even through a
 * symbolic link; URLs are fetched without following redirects, within a size and time limit, and
 * (unless allowed) never from loopback, link-local or private addresses.
 */
public final class InputLocator {

  private final LauncherProperties.Storage storage;
  private final HttpClient http;

  public InputLocator(LauncherProperties.Storage storage) {
    this.storage = storage;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(storage.downloadTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * A path below the input root.
   *
   * @throws BadInputException when the path leaves the root or does not exist
   */
  public Path localInput(String input) {
    Path root = realRoot(storage.inputRoot());
    Path path = within(root, input, "input");
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new BadInputException("no such input: " + input);
    }
    try {
      Path real = path.toRealPath();
      if (!real.startsWith(root)) {
        throw new BadInputException("input " + input + " leads outside the input volume");
      }
      return real;
    } catch (IOException e) {
      throw new BadInputException("input " + input + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * The output directory of a batch, below the output root (created if missing).
   *
   * @throws BadInputException when the path leaves the root
   */
  public Path outputDirectory(String output) {
    Path root = realRoot(storage.outputRoot());
    Path path = within(root, output, "output");
    try {
      Files.createDirectories(path);
      if (!path.toRealPath().startsWith(root)) {
        throw new BadInputException("output " + output + " leads outside the output volume");
      }
      return path;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Checks that an output path stays below the output root, without creating anything.
   *
   * @throws BadInputException when it leaves the root
   */
  public void checkedOutput(String output) {
    within(storage.outputRoot().toAbsolutePath().normalize(), output, "output");
  }

  /** Whether {@code input} names a URL rather than a path. */
  public static boolean isUrl(String input) {
    return input.startsWith("http://") || input.startsWith("https://");
  }

  /**
   * Fetches a URL to {@code target} (written aside, then renamed), unless it is there already.
   *
   * @throws BadInputException when the URL is refused or does not exist (4xx), redirects, or is
   *     larger than allowed
   * @throws UncheckedIOException when the server cannot be reached or fails (5xx): worth a retry
   */
  public Path download(String url, Path target) {
    if (Files.isRegularFile(target)) {
      return target;
    }
    URI uri = checkedUri(url);
    HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(storage.downloadTimeout()).GET().build();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
          throw new BadInputException(
              url + " redirects (HTTP " + status + "); give the final URL instead");
        }
        if (status >= 400 && status < 500) {
          throw new BadInputException(url + " answered HTTP " + status);
        }
        if (status != 200) {
          throw new IOException(url + " answered HTTP " + status);
        }
        Path partial =
            target.resolveSibling(target.getFileName() + ".part-" + ProcessHandle.current().pid());
        Files.createDirectories(target.getParent());
        long limit = storage.maxDownloadSize().toBytes();
        try (OutputStream out = Files.newOutputStream(partial)) {
          byte[] buffer = new byte[1 << 16];
          long total = 0;
          for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
            total += n;
            if (total > limit) {
              throw new BadInputException(url + " is larger than " + storage.maxDownloadSize());
            }
            out.write(buffer, 0, n);
          }
        } catch (RuntimeException | IOException e) {
          Files.deleteIfExists(partial);
          throw e;
        }
        Files.move(
            partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("fetching " + url + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted while fetching " + url));
    }
  }

  /**
   * A URL the runner may fetch.
   *
   * @throws BadInputException when it is malformed, not http(s), or names a private address
   */
  public URI checkedUri(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new BadInputException("not a URL: " + url);
    }
    if (!isUrl(url) || uri.getHost() == null) {
      throw new BadInputException("only http and https URLs can be fetched: " + url);
    }
    if (!storage.allowPrivateUrls()) {
      try {
        for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
          if (address.isLoopbackAddress()
              || address.isLinkLocalAddress()
              || address.isSiteLocalAddress()
              || address.isAnyLocalAddress()
              || address.isMulticastAddress()) {
            throw new BadInputException(
                url + " names a private address; only public URLs can be fetched");
          }
        }
      } catch (UnknownHostException e) {
        throw new BadInputException("unknown host in " + url);
      }
    }
    return uri;
  }

  private static Path realRoot(Path root) {
    try {
      Files.createDirectories(root);
      return root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path within(Path root, String relative, String what) {
    if (relative == null || relative.isBlank()) {
      throw new BadInputException("no " + what + " path given");
    }
    // An absolute path inside the root is taken as it is (a local client sends its own paths);
    // any other is read relative to the root, so "/corpora/a.txt" is the volume's corpora/a.txt.
    Path given = Path.of(relative).normalize();
    Path path =
        given.isAbsolute() && given.startsWith(root)
            ? given
            : root.resolve(relative.startsWith("/") ? relative.substring(1) : relative).normalize();
    if (!path.startsWith(root)) {
      throw new BadInputException(what + " " + relative + " leads outside the " + what + " volume");
    }
    return path;
  }
}
