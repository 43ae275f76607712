package dev.translation.submit.security;

import dev.translation.contracts.Sha256;
import dev.translation.submit.persistence.ApiKeyRepository;
import dev.translation.submit.persistence.StoredApiKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Creates and resolves API keys. A key is {@value #PREFIX} plus 32 random bytes in unpadded
 * base64url; the database holds only its SHA-256 (lower-case hex), so a leaked table leaks no key.
 */
@Service
public class ApiKeyService {

  /** Prefix of every key, so a leaked one is recognisable to secret scanners and people. */
  public static final String PREFIX = "tk_";

  private static final int RANDOM_BYTES = 32;
  private static final int MAX_NAME_LENGTH = 100;

  private final ApiKeyRepository repository;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, CachedKey> cache = new ConcurrentHashMap<>();

  /** How long a key found in the database is trusted without reading it again. */
  static final Duration CACHE_TIME = Duration.ofSeconds(10);

  private static final int MAX_CACHED_KEYS = 10_000;

  private record CachedKey(ApiKey key, long foundAt) {}

  public ApiKeyService(ApiKeyRepository repository) {
    this.repository = repository;
  }

  /**
   * Creates a key with the configured default limits.
   *
   * @param name a label for the key (who uses it), 1-100 characters
   */
  public IssuedApiKey create(String name) {
    return create(name, false);
  }

  /**
   * Creates a key.
   *
   * @param manageModels whether it may launch model jobs, promote, start canaries and roll back
   */
  public IssuedApiKey create(String name, boolean manageModels) {
    String label = requireName(name);
    String secret = newSecret();
    long id = repository.insert(label, Sha256.hex(secret), manageModels);
    return new IssuedApiKey(id, label, secret);
  }

  /**
   * Creates the first key when there is none yet, atomically with the emptiness check.
   *
   * @return the new key, or empty when the table already had one
   */
  public Optional<IssuedApiKey> createIfNoneExists(String name) {
    String label = requireName(name);
    String secret = newSecret();
    return repository
        .insertIfTableEmpty(label, Sha256.hex(secret))
        .map(id -> new IssuedApiKey(id, label, secret));
  }

  /**
   * The active (not revoked) key with this secret. A key found is remembered for {@link
   * #CACHE_TIME}, so a client's requests do not each cost a database read; a revocation therefore
   * reaches other replicas within that time (this one at once).
   */
  public Optional<ApiKey> authenticate(String secret) {
    if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
      return Optional.empty();
    }
    String hash = Sha256.hex(secret);
    long now = System.nanoTime();
    CachedKey cached = cache.get(hash);
    if (cached != null && now - cached.foundAt() < CACHE_TIME.toNanos()) {
      return Optional.of(cached.key());
    }
    Optional<ApiKey> key = repository.findActiveByHash(hash).map(ApiKeyService::apiKey);
    if (key.isPresent()) {
      if (cache.size() >= MAX_CACHED_KEYS) {
        cache.clear();
      }
      cache.put(hash, new CachedKey(key.get(), now));
    } else {
      cache.remove(hash);
    }
    return key;
  }

  /** Revokes a key: it authenticates no further request; its jobs stay. */
  public boolean revoke(long id) {
    cache.values().removeIf(cached -> cached.key().id() == id);
    return repository.revoke(id);
  }

  String newSecret() {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static ApiKey apiKey(StoredApiKey stored) {
    return new ApiKey(
        stored.id(),
        stored.name(),
        stored.maxTextsPerRequest(),
        stored.maxCharsPerText(),
        stored.requestsPerMinute());
  }

  private static String requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an API key needs a name, e.g. --create-api-key=my-team");
    }
    String trimmed = name.strip();
    if (trimmed.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "an API key name has at most " + MAX_NAME_LENGTH + " characters");
    }
    return trimmed;
  }
}
