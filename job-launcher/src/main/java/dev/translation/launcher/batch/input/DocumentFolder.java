package dev.translation.launcher.batch.input;

import dev.translation.launcher.batch.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The documents of a batch: the regular files below a folder (or the one file named), hidden files
 * and folders left out, symbolic links not followed, in path order. Shard {@code i} of {@code n}
 * takes every n-th file from the i-th, so the shards share the files evenly and each knows its own
 * without asking the others.
 */
public final class DocumentFolder {

  private DocumentFolder() {}

  /**
   * The documents shard {@code index} of {@code shards} translates, as paths relative to {@code
   * input} (the file's own name when {@code input} is a file).
   *
   * @throws BadInputException when the folder holds no documents at all
   */
  public static List<Path> shard(Path input, int index, int shards) {
    List<Path> all = all(input);
    List<Path> mine = new ArrayList<>();
    for (int i = index; i < all.size(); i += shards) {
      mine.add(all.get(i));
    }
    return mine;
  }

  /** Every document below {@code input}, relative to it, in path order. */
  public static List<Path> all(Path input) {
    if (Files.isRegularFile(input)) {
      return List.of(input.getFileName());
    }
    try (Stream<Path> files = Files.walk(input)) {
      List<Path> documents =
          files
              .filter(path -> Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS))
              .map(input::relativize)
              .filter(DocumentFolder::visible)
              .sorted(Comparator.comparing(Path::toString))
              .toList();
      if (documents.isEmpty()) {
        throw new BadInputException("the folder holds no documents");
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file itself, for an input that is a single file, or the file below the folder. */
  public static Path resolve(Path input, Path relative) {
    return Files.isRegularFile(input) ? input : input.resolve(relative);
  }

  private static boolean visible(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return false;
      }
    }
    return true;
  }
}
