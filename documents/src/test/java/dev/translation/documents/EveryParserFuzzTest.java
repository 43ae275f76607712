package dev.translation.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every sample file, mutated, fed to every handler (not only its own) and to format detection: a
 * file that arrives by name as one format may be anything, and each parser must end in a clean
 * refusal or a valid result.
 */
class EveryParserFuzzTest {

  private static final int MUTATIONS_PER_SAMPLE = 12;

  private final List<FormatHandler> handlers =
      List.of(DocumentFormat.values()).stream()
          .map(FormatHandlers.all(DocumentLimits.DEFAULTS)::forFormat)
          .toList();

  @Test
  void everyParserRefusesCleanlyOrSucceedsOnEveryMutatedSample() throws Exception {
    List<Path> samples;
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/samples"))) {
      samples = files.sorted().toList();
    }
    assertThat(samples).hasSizeGreaterThanOrEqualTo(DocumentFormat.values().length);
    long seed = 0;
    for (Path sample : samples) {
      byte[] original = Files.readAllBytes(sample);
      for (byte[] mutated : HandlerChecks.mutations(original, seed++, MUTATIONS_PER_SAMPLE)) {
        detectCleanly(mutated, sample.getFileName().toString());
        for (FormatHandler handler : handlers) {
          HandlerChecks.assertCleanOutcome(handler, mutated, Duration.ofSeconds(10));
        }
      }
    }
  }

  private static void detectCleanly(byte[] content, String name) {
    try {
      FormatDetector.detect(content, name);
    } catch (DocumentException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }
}
