package dev.translation.worker.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.contracts.LanguagePair;
import dev.translation.contracts.Sha256;
import dev.translation.worker.persistence.InMemoryTables;
import dev.translation.worker.persistence.MemoryEntry;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TranslationMemoryTest {

  private static final LanguagePair DE_EN = LanguagePair.GERMAN_TO_ENGLISH;
  private static final String MODEL_VERSION = "fake-de-en@1";
  private static final String HELLO = "Hallo.";
  private static final String BYE = "Tschüss.";

  private final InMemoryTables tables = new InMemoryTables();
  private final TranslationMemory memory = new TranslationMemory(tables.memoryRepository());

  @Test
  void servesWhatItRemembersAndCountsEverySegmentServedAsAHit() {
    // Given a remembered translation of one of two sources
    tables.remember(DE_EN, MODEL_VERSION, HELLO, "Hello.");
    TranslationMemory.Lookup lookup = memory.lookUp(DE_EN, MODEL_VERSION, sources(HELLO, BYE));

    // When two segments of the known source and one of the other are served
    Optional<String> first = lookup.serve(Sha256.hex(HELLO));
    Optional<String> second = lookup.serve(Sha256.hex(HELLO));
    Optional<String> unknown = lookup.serve(Sha256.hex(BYE));

    // Then the known one is served twice and counted as two hits on its entry; nothing is new
    assertThat(lookup.knows(Sha256.hex(HELLO))).isTrue();
    assertThat(lookup.knows(Sha256.hex(BYE))).isFalse();
    assertThat(first).contains("Hello.");
    assertThat(second).contains("Hello.");
    assertThat(unknown).isEmpty();
    assertThat(lookup.hits())
        .containsExactly(new MemoryEntry(Sha256.hex(HELLO), "de-en", MODEL_VERSION, "", "", 2));
    assertThat(lookup.newEntries()).isEmpty();
    assertThat(lookup.served()).isEqualTo(2);
  }

  @Test
  void whatTheModelTranslatedBecomesAnEntryWhoseRepeatsAreHits() {
    // Given a source the memory does not know, carried by three segments of the batch
    TranslationMemory.Lookup lookup = memory.lookUp(DE_EN, MODEL_VERSION, sources(BYE));

    // When the model's translation of it is learned
    lookup.learn(Sha256.hex(BYE), BYE, "Bye.", 3);

    // Then it is one new entry: the first segment went to the model, the other two were hits
    assertThat(lookup.newEntries())
        .containsExactly(new MemoryEntry(Sha256.hex(BYE), "de-en", MODEL_VERSION, BYE, "Bye.", 2));
    assertThat(lookup.hits()).isEmpty();
    assertThat(lookup.served()).isEqualTo(2);
  }

  @Test
  void onlyTranslationsOfThisModelVersionAndLanguagePairAreServed() {
    // Given translations of the source by another model version and in another language pair
    tables.remember(DE_EN, "fake-de-en@0", HELLO, "Hello (old model).");
    tables.remember(new LanguagePair("de", "fr"), MODEL_VERSION, HELLO, "Salut.");

    // When this model version looks it up
    TranslationMemory.Lookup lookup = memory.lookUp(DE_EN, MODEL_VERSION, sources(HELLO));

    // Then it is not known
    assertThat(lookup.knows(Sha256.hex(HELLO))).isFalse();
    assertThat(lookup.serve(Sha256.hex(HELLO))).isEmpty();
  }

  private static Map<String, String> sources(String... texts) {
    Map<String, String> byHash = new HashMap<>();
    for (String text : texts) {
      byHash.put(Sha256.hex(text), text);
    }
    return byHash;
  }
}
