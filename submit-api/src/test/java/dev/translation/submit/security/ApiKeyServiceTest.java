package dev.translation.submit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.translation.submit.persistence.ApiKeyRepository;
import org.junit.jupiter.api.Test;

class ApiKeyServiceTest {

  private final ApiKeyService service = new ApiKeyService(mock(ApiKeyRepository.class));

  @Test
  void keysArePrefixedRandomAndHashedAsSha256Hex() {
    String key = service.newSecret();

    assertThat(key).matches("tk_[A-Za-z0-9_-]{43}");
    assertThat(service.newSecret()).isNotEqualTo(key);
    assertThat(ApiKeyService.hash(key)).matches("[0-9a-f]{64}");
    assertThat(ApiKeyService.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void somethingThatIsNotAKeyIsNotLookedUp() {
    assertThat(service.authenticate("Basic dXNlcjpwYXNz")).isEmpty();
    assertThat(service.authenticate(null)).isEmpty();
  }
}
