import dev.translation.engine.inference.DecodeOptions;
import dev.translation.engine.inference.TranslationEngine;
import java.nio.file.Path;

/**
 * Run by bin/build-images with DJL_CACHE_DIR pointing into an image's tree: loads a model bundle
 * and translates one sentence, so DJL unpacks every native library the engine loads (libtorch from
 * the pytorch-native-cpu jar, SentencePiece's JNI library) at build time. The images then start
 * offline on a read-only root file system. Usage: java UnpackDjlNatives.java BUNDLE_DIRECTORY
 */
public final class UnpackDjlNatives {
  public static void main(String[] args) {
    try (TranslationEngine engine = TranslationEngine.open(Path.of(args[0]))) {
      String english = engine.translate("Ich habe Hunger.", DecodeOptions.greedy()).text();
      System.out.println("DJL natives unpacked; " + engine.manifest().id() + ": " + english);
    }
  }
}
