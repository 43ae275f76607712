package dev.translation.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The app's packages are layers with arrows one way (see {@code package-info.java} of {@value
 * #APP}). Read from the sources rather than the bytecode, so a type named only in Javadoc, or a
 * constant the compiler inlines, counts as much as a call.
 */
class PackageLayeringTest {

  private static final String APP = "dev.translation.submit";

  /**
   * The packages each package may use besides itself. The application class in {@value #APP} may
   * use them all and none may use it; a new package fails the test until it has a place here.
   */
  private static final Map<String, Set<String>> MAY_USE =
      Map.of(
          "web", Set.of("jobs", "security", "config"),
          "jobs", Set.of("security", "messaging", "persistence", "config"),
          "security", Set.of("persistence", "config"),
          "messaging", Set.of("config"),
          "persistence", Set.of(),
          "config", Set.of());

  /** An import or qualified name of something just below {@value #APP}. */
  private static final Pattern REFERENCE =
      Pattern.compile("\\b" + Pattern.quote(APP) + "\\.(\\w+)");

  /** Where a {@link #REFERENCE} to a class of {@value #APP} itself points. */
  private static final String APPLICATION = "the application package";

  @Test
  void everyPackageUsesOnlyThePackagesBelowIt() throws IOException {
    Map<String, Set<String>> uses = packageDependencies(Path.of("src/main/java"));

    assertThat(uses.keySet()).as("packages of the app").isEqualTo(MAY_USE.keySet());
    List<String> violations = new ArrayList<>();
    uses.forEach(
        (from, targets) ->
            targets.stream()
                .filter(to -> !MAY_USE.get(from).contains(to))
                .forEach(to -> violations.add(from + " -> " + to)));
    assertThat(violations).as("uses against the layering").isEmpty();
  }

  @Test
  void theLayeringItselfHasNoCycle() {
    for (String start : MAY_USE.keySet()) {
      assertThat(reachableFrom(start))
          .as("packages reachable from %s", start)
          .doesNotContain(start);
    }
  }

  private static Set<String> reachableFrom(String start) {
    Set<String> seen = new HashSet<>();
    List<String> todo = new ArrayList<>(MAY_USE.get(start));
    while (!todo.isEmpty()) {
      String next = todo.removeLast();
      if (seen.add(next)) {
        todo.addAll(MAY_USE.get(next));
      }
    }
    return seen;
  }

  /** For each package below {@value #APP}: what else of the app its sources name. */
  private static Map<String, Set<String>> packageDependencies(Path sources) throws IOException {
    Path root = sources.resolve(APP.replace('.', '/'));
    assertThat(root).as("the app's sources, seen from the module directory").isDirectory();
    Map<String, Set<String>> uses = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(file -> file.toString().endsWith(".java")).toList();
    }
    for (Path file : files) {
      Path relative = root.relativize(file);
      if (relative.getNameCount() == 1) {
        continue; // the application package itself, which may use everything
      }
      String from = relative.getName(0).toString();
      Set<String> targets = uses.computeIfAbsent(from, unused -> new TreeSet<>());
      Matcher reference = REFERENCE.matcher(Files.readString(file));
      while (reference.find()) {
        String name = reference.group(1);
        String to = Character.isUpperCase(name.charAt(0)) ? APPLICATION : name;
        if (!to.equals(from)) {
          targets.add(to);
        }
      }
    }
    return uses;
  }
}
