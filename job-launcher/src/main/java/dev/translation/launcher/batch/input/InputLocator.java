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
import java.nio.file.FileAlreadyExistsException;
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
    Path root = realRoot(storage.inputRootPath());
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
    Path root = realRoot(storage.outputRootPath());
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
   * An output path as stored: relative to the output root and normalised, so that {@code out},
   * {@code ./out/} and {@code /out} name one directory. Nothing is created.
   *
   * @throws BadInputException when it leaves the root or names the root itself
   */
  public String normalizedOutput(String output) {
    Path root = storage.outputRootPath().toAbsolutePath().normalize();
    Path relative = root.relativize(within(root, output, "output"));
    if (relative.toString().isEmpty()) {
      throw new BadInputException("output must name a directory below the output volume");
    }
    return relative.toString();
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
        if (status == 408 || status == 425 || status == 429) {
          throw new IOException(url + " answered HTTP " + status + " (try again later)");
        }
        if (status >= 400 && status < 500) {
          throw new BadInputException(url + " answered HTTP " + status);
        }
        if (status != 200) {
          throw new IOException(url + " answered HTTP " + status);
        }
        Files.createDirectories(target.getParent());
        // A name of this process's own: shards of one batch may fetch the same URL at once.
        Path partial =
            Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
        long limit = storage.maxDownloadSize().toBytes();
        long deadline = System.nanoTime() + storage.downloadTimeout().toNanos();
        try (OutputStream out = Files.newOutputStream(partial)) {
          byte[] buffer = new byte[1 << 16];
          long total = 0;
          for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
            total += n;
            if (total > limit) {
              throw new BadInputException(url + " is larger than " + storage.maxDownloadSize());
            }
            if (System.nanoTime() > deadline) {
              throw new IOException(url + " did not deliver within " + storage.downloadTimeout());
            }
            out.write(buffer, 0, n);
          }
        } catch (RuntimeException | IOException e) {
          Files.deleteIfExists(partial);
          throw e;
        }
        // The first shard to finish wins and the others use its copy, so all count the same bytes:
        // a hard link is created only where no file is (a rename would replace one).
        try {
          Files.createLink(target, partial);
        } catch (FileAlreadyExistsException fetchedMeanwhile) {
          // kept: the other shard's copy
        } catch (UnsupportedOperationException | IOException noLinks) {
          Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(partial);
        }
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
          if (isPrivate(address)) {
            throw new BadInputException(
                url + " names a private address; only public URLs can be fetched");
          }
        }
      } catch (UnknownHostException e) {
        // Worth a retry: name resolution fails for a while when DNS has trouble.
        throw new UncheckedIOException(new IOException("cannot resolve the host of " + url, e));
      }
    }
    return uri;
  }

  /**
   * Whether an address belongs to this host, its network or a cloud's metadata service rather than
   * the public internet: loopback, link-local, private (RFC 1918, IPv6 unique local), shared
   * carrier-grade NAT (100.64/10), "this network" (0/8), multicast, and IPv6 forms that embed an
   * IPv4 address (mapped, NAT64).
   */
  static boolean isPrivate(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isAnyLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (bytes.length == 4) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      return first == 0 || (first == 100 && second >= 64 && second < 128);
    }
    boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
    boolean nat64 =
        (bytes[0] & 0xff) == 0x00
            && (bytes[1] & 0xff) == 0x64
            && (bytes[2] & 0xff) == 0xff
            && (bytes[3] & 0xff) == 0x9b;
    boolean embedsIpv4 = true;
    for (int i = 0; i < 10; i++) {
      embedsIpv4 &= bytes[i] == 0;
    }
    return uniqueLocal || nat64 || embedsIpv4;
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
