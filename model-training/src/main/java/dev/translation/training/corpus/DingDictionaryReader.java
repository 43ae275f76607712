package dev.translation.training.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the Ding German-English dictionary (Debian package {@code trans-de-en}, installed as {@code
 * /usr/share/trans/de-en}) into sentence pairs.
 *
 * <p>Each entry line has the form {@code German side :: English side}. Both sides consist of
 * sub-entries separated by {@code " | "} that correspond position by position (the headword, its
 * inflections, then example phrases and sentences). Within a sub-entry, synonyms are separated by
 * {@code "; "} and are <em>not</em> aligned across the two sides. If the sides have different
 * numbers of sub-entries, only the leading ones present on both sides are paired. Lines starting
 * with {@code #} are comments.
 *
 * <p>Annotations are removed from every synonym: grammar tags in curly braces ({@code {f}}, {@code
 * {vt}}), usage labels in square brackets ({@code [ugs.]}, {@code [Br.]}), alternative spellings
 * and particle markers in angle brackets ({@code <Fotograf>}, {@code <>}), glosses in parentheses,
 * abbreviation markers such as {@code /AHU/} and cross-references such as {@code ~Stauer}. Synonym
 * separators inside brackets (as in {@code (Arbeit; Auftrag) vergeben}) do not split.
 *
 * <p>Synonyms are paired so that every synonym appears at least once without a cross product: the
 * i-th German with the i-th English synonym, then the first German synonym with each remaining
 * English one and each remaining German synonym with the first English one. Exact duplicate pairs
 * are dropped, keeping the first occurrence's position.
 *
 * <p>Instances keep the skipped-line count of their last {@link #read}, so they are not meant to be
 * shared between threads.
 */
public final class DingDictionaryReader {

  private static final String SIDE_SEPARATOR = " :: ";
  private static final String ENTRY_SEPARATOR = " | ";
  private static final String SYNONYM_SEPARATOR = "; ";
  private static final String OPENERS = "({[<";
  private static final String CLOSERS = ")}]>";

  /**
   * {@code /AHU/} or {@code /b/f/}: an abbreviation written as its own token between slashes. The
   * token may be followed by a separator or closing bracket but must start a word, so "and/or/nor"
   * stays.
   */
  private static final Pattern ABBREVIATION =
      Pattern.compile("(?<![^\\s(<])/[^\\s/]\\S*?/(?=[\\s;,)>]|$)");

  /** {@code ~Stauer} or {@code ~ Kollektivismus}: a "see also" reference, not a translation. */
  private static final Pattern CROSS_REFERENCE = Pattern.compile("~\\s?\\S*");

  private static final Pattern WHITESPACE =
      Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  /**
   * Removing a gloss can strand a space before a word's trailing punctuation ("Toilette (bitte)?").
   * Only punctuation that ends a word counts, so an emoticon such as " :-(" keeps its space.
   */
  private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile(" ([.,!?;:])(?= |$)");

  private int skippedLines;

  /**
   * Reads a Ding dictionary file (UTF-8) and returns its deduplicated sentence pairs in file order.
   * Lines without exactly one {@code " :: "} are skipped and counted, see {@link #skippedLines()}.
   *
   * @throws IOException if the file cannot be read
   */
  public List<SentencePair> read(Path file) throws IOException {
    skippedLines = 0;
    Set<SentencePair> pairs = new LinkedHashSet<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int separator = line.indexOf(SIDE_SEPARATOR);
        boolean malformed =
            separator < 0 || line.indexOf(SIDE_SEPARATOR, separator + SIDE_SEPARATOR.length()) >= 0;
        if (malformed) {
          skippedLines++;
          continue;
        }
        pairs.addAll(
            pairsOf(
                line.substring(0, separator), line.substring(separator + SIDE_SEPARATOR.length())));
      }
    }
    return List.copyOf(pairs);
  }

  /** Number of non-comment, non-blank lines the last {@link #read} skipped as malformed. */
  public int skippedLines() {
    return skippedLines;
  }

  /** Pairs one entry's German and English sides; both are raw text from the dictionary line. */
  private static List<SentencePair> pairsOf(String german, String english) {
    // Abbreviation markers never contain whitespace, so removing them from the whole side cannot
    // touch a separator, and it must happen first: "/</" would otherwise open an angle bracket.
    String[] germanEntries =
        ABBREVIATION.matcher(german).replaceAll("").split(Pattern.quote(ENTRY_SEPARATOR), -1);
    String[] englishEntries =
        ABBREVIATION.matcher(english).replaceAll("").split(Pattern.quote(ENTRY_SEPARATOR), -1);
    List<SentencePair> pairs = new ArrayList<>();
    int aligned = Math.min(germanEntries.length, englishEntries.length);
    for (int i = 0; i < aligned; i++) {
      pairSynonyms(synonyms(germanEntries[i]), synonyms(englishEntries[i]), pairs);
    }
    return pairs;
  }

  private static void pairSynonyms(
      List<String> german, List<String> english, List<SentencePair> pairs) {
    if (german.isEmpty() || english.isEmpty()) {
      return;
    }
    int shared = Math.min(german.size(), english.size());
    for (int i = 0; i < shared; i++) {
      pairs.add(new SentencePair(german.get(i), english.get(i)));
    }
    for (int i = shared; i < english.size(); i++) {
      pairs.add(new SentencePair(german.getFirst(), english.get(i)));
    }
    for (int i = shared; i < german.size(); i++) {
      pairs.add(new SentencePair(german.get(i), english.getFirst()));
    }
  }

  /** Splits a sub-entry into cleaned, non-empty synonyms. */
  private static List<String> synonyms(String entry) {
    List<String> synonyms = new ArrayList<>();
    for (String raw : splitOutsideBrackets(entry, SYNONYM_SEPARATOR)) {
      String cleaned = clean(raw);
      if (!cleaned.isEmpty()) {
        synonyms.add(cleaned);
      }
    }
    return synonyms;
  }

  /** Removes annotations from one synonym and normalises its whitespace. */
  private static String clean(String synonym) {
    String text = removeBracketed(synonym);
    text = CROSS_REFERENCE.matcher(text).replaceAll(" ");
    text = WHITESPACE.matcher(text).replaceAll(" ").strip();
    return SPACE_BEFORE_PUNCTUATION.matcher(text).replaceAll("$1");
  }

  /** Splits at each occurrence of {@code separator} that does not lie inside a bracket pair. */
  private static List<String> splitOutsideBrackets(String text, String separator) {
    boolean[] bracketed = bracketMask(text);
    List<String> parts = new ArrayList<>();
    int start = 0;
    int at = text.indexOf(separator);
    while (at >= 0) {
      if (!bracketed[at]) {
        parts.add(text.substring(start, at));
        start = at + separator.length();
      }
      at = text.indexOf(separator, Math.max(at + 1, start));
    }
    parts.add(text.substring(start));
    return parts;
  }

  /** Replaces every matched bracket pair, with its content, by a space. */
  private static String removeBracketed(String text) {
    boolean[] bracketed = bracketMask(text);
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      if (!bracketed[i]) {
        out.append(text.charAt(i));
      } else if (i == 0 || !bracketed[i - 1]) {
        // A space keeps "bath(room) for" from gluing into one word; whitespace is collapsed later.
        out.append(' ');
      }
    }
    return out.toString();
  }

  /**
   * Marks the characters that lie inside a matched pair of brackets, brackets included. Only
   * matched pairs count, so an emoticon's lone {@code (} or a stray {@code >} stays literal text
   * instead of swallowing the rest of the line. Pairs may nest and mix kinds.
   */
  private static boolean[] bracketMask(String text) {
    boolean[] mask = new boolean[text.length()];
    Deque<Integer> open = new ArrayDeque<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (OPENERS.indexOf(c) >= 0) {
        open.push(i);
        continue;
      }
      int kind = CLOSERS.indexOf(c);
      if (kind < 0 || !hasOpener(open, text, OPENERS.charAt(kind))) {
        continue;
      }
      // Openers above the matching one were never closed; they lie inside this pair and go with it.
      int start;
      do {
        start = open.pop();
      } while (text.charAt(start) != OPENERS.charAt(kind));
      for (int j = start; j <= i; j++) {
        mask[j] = true;
      }
    }
    return mask;
  }

  private static boolean hasOpener(Deque<Integer> open, String text, char opener) {
    for (int index : open) {
      if (text.charAt(index) == opener) {
        return true;
      }
    }
    return false;
  }
}
