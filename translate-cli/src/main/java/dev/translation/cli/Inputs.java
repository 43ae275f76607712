package dev.translation.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the arguments ask to translate: an argument that names an existing file is a document, one
 * that names a folder stands for the supported files in it, and anything else is a text.
 *
 * @param documents files to translate, in argument order, a folder's by name
 * @param texts texts to translate, in argument order
 * @param folders whether any argument was a folder
 */
record Inputs(List<Document> documents, List<String> texts, boolean folders) {

  // A text that looks like a file name more likely is a mistyped one than something to translate.
  private static final Pattern FILE_NAME_LIKE = Pattern.compile("\\S+\\.[A-Za-z0-9]{1,5}");

  /**
   * A file to translate.
   *
   * @param file the file
   * @param inFolder whether it was found in a folder argument rather than named itself
   */
  record Document(Path file, boolean inFolder) {}

  static Inputs of(
      List<String> arguments, Path workingDirectory, String target, Consumer<String> warnings)
      throws IOException {
    List<Document> documents = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    boolean folders = false;
    for (String argument : arguments) {
      Path path = path(workingDirectory, argument);
      if (path != null && Files.isDirectory(path)) {
        folders = true;
        List<Document> found = folder(path, target);
        if (found.isEmpty()) {
          warnings.accept(argument + ": no file to translate in this folder");
        }
        documents.addAll(found);
      } else if (path != null && Files.isRegularFile(path)) {
        documents.add(new Document(path, false));
      } else {
        if (FILE_NAME_LIKE.matcher(argument).matches() && DocumentFiles.isSupported(argument)) {
          warnings.accept("no file " + argument + " here; translating it as a text");
        }
        texts.add(argument);
      }
    }
    return new Inputs(documents, texts, folders);
  }

  /**
   * Supported files directly in the folder, by name; not hidden files, nor earlier translations.
   */
  private static List<Document> folder(Path folder, String target) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              file -> {
                String name = file.getFileName().toString();
                return !name.startsWith(".")
                    && DocumentFiles.isSupported(name)
                    && !DocumentFiles.isTranslation(name, target);
              })
          .sorted()
          .map(file -> new Document(file, true))
          .toList();
    }
  }

  private static Path path(Path workingDirectory, String argument) {
    try {
      return argument.isBlank() ? null : workingDirectory.resolve(argument);
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
