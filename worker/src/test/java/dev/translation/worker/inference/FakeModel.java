package dev.translation.worker.inference;

import dev.translation.engine.InvalidInputException;
import dev.translation.engine.bundle.ModelManifest;
import dev.translation.engine.inference.Translation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A model for unit tests: "translates" a text to {@code EN(text)}, remembers every call, and
 * refuses a call, as the engine does, when one of its texts starts with {@link #REFUSED}.
 */
public final class FakeModel implements Function<List<String>, List<Translation>> {

  /** Texts starting with this are refused, like a text over the engine's length limit. */
  public static final String REFUSED = "REFUSED:";

  /** The manifest of a German to English model, version {@code fake-de-en@1}. */
  public static final ModelManifest MANIFEST = manifest("1");

  /** The manifest of version {@code fake-de-en@<version>}. */
  public static ModelManifest manifest(String version) {
    return new ModelManifest(
        "fake-de-en",
        version,
        "de",
        "en",
        "module.pt",
        "sentencepiece.model",
        null,
        new ModelManifest.SpecialTokens(0, 1, 2, 3),
        128,
        128,
        null,
        Map.of(),
        null,
        List.of(),
        Map.of(),
        null);
  }

  private final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
  private volatile Runnable onCall = () -> {};

  /** What {@code text} translates to. */
  public static String translationOf(String text) {
    return "EN(" + text + ")";
  }

  /** Runs {@code action} at the start of every call, while the caller waits for the model. */
  public void onCall(Runnable action) {
    this.onCall = action;
  }

  /** The texts of each call so far, in order. */
  public List<List<String>> calls() {
    return List.copyOf(calls);
  }

  @Override
  public List<Translation> apply(List<String> texts) {
    calls.add(List.copyOf(texts));
    onCall.run();
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i).startsWith(REFUSED)) {
        throw new InvalidInputException(
            "Text " + i + " has " + texts.get(i).length() + " characters; at most 10 are allowed");
      }
    }
    return texts.stream()
        .map(text -> new Translation(translationOf(text), MANIFEST.id(), 1, 1))
        .toList();
  }
}
