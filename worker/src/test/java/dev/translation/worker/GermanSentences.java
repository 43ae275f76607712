package dev.translation.worker;

import java.util.ArrayList;
import java.util.List;

/** Short, distinct German sentences built from a small phrase book, for load-shaped tests. */
public final class GermanSentences {

  private static final String[] SUBJECTS = {
    "Der Hund", "Die Katze", "Mein Vater", "Unsere Lehrerin", "Das Kind", "Der Nachbar"
  };
  private static final String[] VERBS = {
    "sieht", "kauft", "sucht", "malt", "findet", "braucht", "liebt", "verkauft", "baut", "holt"
  };
  private static final String[] OBJECTS = {
    "das Haus.", "einen Apfel.", "die Zeitung.", "ein neues Auto.", "den Schlüssel."
  };

  private GermanSentences() {}

  /** {@code count} distinct sentences (at most 300). */
  public static List<String> distinct(int count) {
    List<String> sentences = new ArrayList<>();
    for (String object : OBJECTS) {
      for (String verb : VERBS) {
        for (String subject : SUBJECTS) {
          sentences.add(subject + " " + verb + " " + object);
        }
      }
    }
    if (count > sentences.size()) {
      throw new IllegalArgumentException("at most " + sentences.size() + " sentences");
    }
    return List.copyOf(sentences.subList(0, count));
  }
}
