package dev.translation.submit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import dev.translation.contracts.Sha256;
import dev.translation.submit.persistence.ApiKeyRepository;
import org.junit.jupiter.api.Test;

class ApiKeyServiceTest {

  private final ApiKeyRepository repository = mock(ApiKeyRepository.class);
  private final ApiKeyService service = new ApiKeyService(repository);

  @Test
  void keysArePrefixedRandomAndHashedAsSha256Hex() {
    String key = service.newSecret();

    assertThat(key).matches("tk_[A-Za-z0-9_-]{43}");
    assertThat(service.newSecret()).isNotEqualTo(key);

    IssuedApiKey issued = service.create("team");

    verify(repository).insert("team", Sha256.hex(issued.secret()), false);
  }

  @Test
  void somethingThatIsNotAKeyIsNotLookedUp() {
    assertThat(service.authenticate("Basic dXNlcjpwYXNz")).isEmpty();
    assertThat(service.authenticate(null)).isEmpty();
    assertThat(service.authenticate("tk_" + "x".repeat(300))).isEmpty();
    verifyNoInteractions(repository);
  }
}
