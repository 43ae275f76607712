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
 * Where the API is and which key to send it.
 *
 * @param url the API's address
 * @param key the API key
 */
record ApiAccess(URI url, String key) {

  static final String URL_VARIABLE = "TRANSLATION_API_URL";
  static final String KEY_VARIABLE = "TRANSLATION_API_KEY";
  static final URI DEFAULT_URL = URI.create("http://localhost:8080");

  private static final Set<String> LOOPBACK_HOSTS =
      Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  /**
   * The address from the option, else {@value #URL_VARIABLE}, else local mode's; the key from the
   * option, else {@value #KEY_VARIABLE}, else the first key file that exists. Key files are local
   * mode's, so they are read only for an API on this machine: a local key is never sent elsewhere.
   *
   * @throws UsageException when the address is not an http(s) URL, or no key is found
   */
  static ApiAccess resolve(
      String urlOption, String keyOption, Map<String, String> variables, List<Path> keyFiles) {
    URI url = url(firstSet(urlOption, variables.get(URL_VARIABLE)));
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

  private static URI url(String value) {
    if (value == null) {
      return DEFAULT_URL;
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
          "the API URL must be an http or https address, like " + DEFAULT_URL + ": " + value);
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
