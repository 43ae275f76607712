package dev.translation.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Checks every format handler's tests share: a stand-in translation that makes every translated
 * text recognisable, and the fuzz check that mutated files end in a clean rejection or a valid
 * result, never in another exception or a hang.
 */
public final class HandlerChecks {

  /** What the stand-in translation puts before each text. */
  public static final String MARK = "EN: ";

  private HandlerChecks() {}

  /** Each text "translated" as {@link #MARK} + text, all complete. */
  public static List<TextTranslation> marked(List<String> texts) {
    return texts.stream().map(text -> new TextTranslation(MARK + text, true)).toList();
  }

  /** Each text replaced by {@code translate}'s answer, all complete. */
  public static List<TextTranslation> translated(
      List<String> texts, UnaryOperator<String> translate) {
    return texts.stream().map(text -> new TextTranslation(translate.apply(text), true)).toList();
  }

  /**
   * Reads and, where that works, translates {@code document}: it must either succeed or throw a
   * {@link DocumentException}, within {@code limit}.
   */
  public static void assertCleanOutcome(FormatHandler handler, byte[] document, Duration limit) {
    CompletableFuture<Void> run =
        CompletableFuture.runAsync(
            () -> {
              List<String> texts;
              try {
                texts = handler.texts(document);
              } catch (DocumentException rejected) {
                assertThat(rejected.getMessage()).isNotBlank();
                return;
              }
              try {
                byte[] translated = handler.translate(document, marked(texts));
                assertThat(translated).isNotNull();
              } catch (DocumentException rejected) {
                assertThat(rejected.getMessage()).isNotBlank();
              }
            });
    assertThatCode(() -> run.get(limit.toMillis(), TimeUnit.MILLISECONDS))
        .as("reading a mutated %s", handler.format())
        .doesNotThrowAnyException();
  }

  /**
   * {@code count} mutations of {@code sample}, the same for the same seed: bytes flipped, cut off,
   * repeated, inserted or dropped.
   */
  public static List<byte[]> mutations(byte[] sample, long seed, int count) {
    Random random = new Random(seed);
    List<byte[]> mutations = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] bytes = sample.clone();
      int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      switch (i % 5) {
        case 0 -> {
          for (int flips = 1 + random.nextInt(8); flips > 0 && bytes.length > 0; flips--) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
          }
        }
        case 1 -> bytes = java.util.Arrays.copyOf(bytes, at);
        case 2 -> {
          int length = Math.min(bytes.length - at, 1 + random.nextInt(256));
          byte[] longer = new byte[bytes.length + length];
          System.arraycopy(bytes, 0, longer, 0, at + length);
          System.arraycopy(bytes, at, longer, at + length, bytes.length - at);
          bytes = longer;
        }
        case 3 -> {
          byte[] longer = new byte[bytes.length + 1];
          System.arraycopy(bytes, 0, longer, 0, at);
          longer[at] = (byte) random.nextInt(256);
          System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
          bytes = longer;
        }
        default -> {
          int length = Math.min(bytes.length - at, 1 + random.nextInt(64));
          byte[] shorter = new byte[bytes.length - length];
          System.arraycopy(bytes, 0, shorter, 0, at);
          System.arraycopy(bytes, at + length, shorter, at, bytes.length - at - length);
          bytes = shorter;
        }
      }
      mutations.add(bytes);
    }
    return mutations;
  }
}
