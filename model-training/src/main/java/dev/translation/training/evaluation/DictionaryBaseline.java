package dev.translation.training.evaluation;

import dev.translation.training.corpus.SentencePair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Word-for-word substitution from a bilingual dictionary: the floor any neural model has to beat,
 * and a way to show readers what context, word order and inflection add.
 *
 * <p>Only single-word training pairs are used (German side one whitespace-free token, English side
 * any length). Each German word maps to its most frequent English translation; ties go to the
 * shorter, then the alphabetically first translation, so the result never depends on input order.
 * Lookups try the exact spelling first, because German capitalisation separates words ("Essen"
 * food, "essen" to eat), then the lowercased spelling, which also finds the capitalised first word
 * of a sentence. Unknown words are copied unchanged.
 */
public final class DictionaryBaseline {

  private static final Comparator<Map.Entry<String, Integer>> MOST_FREQUENT_FIRST =
      Map.Entry.<String, Integer>comparingByValue()
          .reversed()
          .thenComparingInt(entry -> entry.getKey().length())
          .thenComparing(Map.Entry.comparingByKey());

  private final Map<String, String> byExactWord;
  private final Map<String, String> byLowercaseWord;

  private DictionaryBaseline(Map<String, String> byExactWord, Map<String, String> byLowercaseWord) {
    this.byExactWord = byExactWord;
    this.byLowercaseWord = byLowercaseWord;
  }

  /** Builds the dictionary from the single-word pairs among {@code training}. */
  public static DictionaryBaseline build(List<SentencePair> training) {
    Map<String, Map<String, Integer>> exactCounts = new HashMap<>();
    Map<String, Map<String, Integer>> lowercaseCounts = new HashMap<>();
    for (SentencePair pair : training) {
      List<String> germanTokens = PythonText.split(pair.source());
      String english = String.join(" ", PythonText.split(pair.target()));
      if (germanTokens.size() != 1 || english.isEmpty()) {
        continue;
      }
      String german = germanTokens.getFirst();
      exactCounts.computeIfAbsent(german, word -> new HashMap<>()).merge(english, 1, Integer::sum);
      lowercaseCounts
          .computeIfAbsent(lowercase(german), word -> new HashMap<>())
          .merge(english, 1, Integer::sum);
    }
    return new DictionaryBaseline(mostFrequent(exactCounts), mostFrequent(lowercaseCounts));
  }

  /** Number of distinct German spellings the baseline can translate. */
  public int size() {
    return byExactWord.size();
  }

  /**
   * Translates word by word. Punctuation around a word is kept in place ("Hunger." becomes
   * "hunger."), whitespace is collapsed, and the first letter of the result is capitalised.
   */
  public String translate(String german) {
    List<String> words = new ArrayList<>();
    for (String token : PythonText.split(german)) {
      words.add(translateToken(token));
    }
    return capitaliseFirstLetter(String.join(" ", words));
  }

  /** Translates each sentence in order. */
  public List<String> translateAll(List<String> germanSentences) {
    List<String> translations = new ArrayList<>(germanSentences.size());
    for (String german : germanSentences) {
      translations.add(translate(german));
    }
    return translations;
  }

  private String translateToken(String token) {
    // Whole token first: dictionary entries such as "z.B." carry their own punctuation.
    String whole = lookup(token);
    if (whole != null) {
      return whole;
    }
    int start = 0;
    int end = token.length();
    while (start < end && !Character.isLetterOrDigit(token.codePointAt(start))) {
      start += Character.charCount(token.codePointAt(start));
    }
    while (end > start && !Character.isLetterOrDigit(token.codePointBefore(end))) {
      end -= Character.charCount(token.codePointBefore(end));
    }
    String word = token.substring(start, end);
    String translation = word.isEmpty() ? null : lookup(word);
    return translation == null
        ? token
        : token.substring(0, start) + translation + token.substring(end);
  }

  private String lookup(String word) {
    String exact = byExactWord.get(word);
    return exact != null ? exact : byLowercaseWord.get(lowercase(word));
  }

  private static Map<String, String> mostFrequent(Map<String, Map<String, Integer>> counts) {
    Map<String, String> best = new HashMap<>();
    counts.forEach(
        (german, translations) ->
            best.put(
                german,
                translations.entrySet().stream().min(MOST_FREQUENT_FIRST).orElseThrow().getKey()));
    return best;
  }

  /** Upper-cases the first letter unless a digit comes first, skipping leading quotes. */
  private static String capitaliseFirstLetter(String text) {
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      if (Character.isLetter(codePoint)) {
        String upper = new String(Character.toChars(Character.toTitleCase(codePoint)));
        return text.substring(0, i) + upper + text.substring(i + Character.charCount(codePoint));
      }
      if (Character.isDigit(codePoint)) {
        return text;
      }
      i += Character.charCount(codePoint);
    }
    return text;
  }

  private static String lowercase(String word) {
    return word.toLowerCase(Locale.ROOT);
  }
}
