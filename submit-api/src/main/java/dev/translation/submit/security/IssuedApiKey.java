package dev.translation.submit.security;

/**
 * A newly created key, the only moment its secret is known: only its hash is stored.
 *
 * @param id the key's row id
 * @param name its label
 * @param secret the key to hand to the client, e.g. {@code tk_...}
 */
public record IssuedApiKey(long id, String name, String secret) {

  @Override
  public String toString() {
    return "IssuedApiKey[id=" + id + ", name=" + name + "]";
  }
}
