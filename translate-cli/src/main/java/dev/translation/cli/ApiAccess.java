package dev.translation.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an API is and which key to send it. Both command lines find their key the same way, so a
 * key set up for {@code bin/translate} serves {@code bin/launcher} too.
 *
 * @param url the API's address
 * @param key the API key
 */
public record ApiAccess(URI url, String key) {

  public static final String KEY_VARIABLE = "TRANSLATION_API_KEY";

  static final String URL_VARIABLE = "TRANSLATION_API_URL";
  static final URI DEFAULT_URL = URI.create("http://localhost:8080");

  /** The submit API, {@code bin/translate}'s. */
  static final Service SUBMIT_API = new Service(URL_VARIABLE, DEFAULT_URL);

  /**
   * Which API: where its address comes from when no option gives it.
   *
   * @param urlVariable the environment variable with its address
   * @param defaultUrl its address in local mode
   */
  public record Service(String urlVariable, URI defaultUrl) {}

  private static final Set<String> LOOPBACK_HOSTS =
      Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  /**
   * The address from the option, else the service's variable, else local mode's; the key from the
   * option, else {@value #KEY_VARIABLE}, else the first key file that exists. Key files are local
   * mode's, so they are read only for an API on this machine: a local key is never sent elsewhere.
   *
   * @throws UsageException when the address is not an http(s) URL, or no key is found
   */
  public static ApiAccess resolve(
      Service service,
      String urlOption,
      String keyOption,
      Map<String, String> variables,
      List<Path> keyFiles) {
    URI url = url(service, firstSet(urlOption, variables.get(service.urlVariable())));
    String key = firstSet(keyOption, variables.get(KEY_VARIABLE));
    if (key == null && LOOPBACK_HOSTS.contains(url.getHost())) {
      key = keyFromFiles(keyFiles);
    }
    if (key == null) {
      throw new UsageException(
          "no API key: pass --api-key KEY or set "
              + KEY_VARIABLE
              + (LOOPBACK_HOSTS.contains(url.getHost())
                  ? ", or start local mode (bin/run-local), which writes one to "
                      + String.join(" or ", keyFiles.stream().map(Path::toString).toList())
                  : ""));
    }
    return new ApiAccess(url, key);
  }

  /** Whether the API runs on this machine (so it sees the same files). */
  public boolean onThisMachine() {
    return LOOPBACK_HOSTS.contains(url.getHost());
  }

  private static URI url(Service service, String value) {
    if (value == null) {
      return service.defaultUrl();
    }
    try {
      URI url = URI.create(value.strip());
      if ((!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()))
          || url.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return url;
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "the API URL must be an http or https address, like "
              + service.defaultUrl()
              + ": "
              + value);
    }
  }

  private static String keyFromFiles(List<Path> keyFiles) {
    for (Path file : keyFiles) {
      if (Files.isRegularFile(file)) {
        try {
          String key = Files.readString(file, StandardCharsets.UTF_8).strip();
          if (!key.isEmpty()) {
            return key;
          }
        } catch (IOException e) {
          throw new UsageException("cannot read the API key file " + file + ": " + e.getMessage());
        }
      }
    }
    return null;
  }

  private static String firstSet(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }
}
