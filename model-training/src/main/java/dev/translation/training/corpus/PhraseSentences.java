package dev.translation.training.corpus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a dictionary's verb phrases into whole sentences.
 *
 * <p>A dictionary lists "Durst haben" as "to be thirsty", but users send "Ich habe Durst." A model
 * trained on the dictionary alone sees few sentences with a subject and a conjugated verb, and
 * translates them word by word. Phrases built on <i>haben</i>, <i>sein</i> or <i>werden</i>
 * conjugate regularly enough to be put into the present tense on both sides by rule: "Durst haben"
 * / "to be thirsty" gives "Ich habe Durst." / "I am thirsty.", "Hast du Durst?" / "Are you
 * thirsty?" and one more person chosen by hash ("Er hat Durst." / "He is thirsty.").
 *
 * <p>Phrases with placeholders (jdm., etw., sb., sth.), reflexives, possessives that would have to
 * agree with the subject, alternatives (a/b) or clauses (commas, brackets) are left out: a rule
 * cannot conjugate them correctly, and a wrong sentence teaches the model more harm than a missing
 * one.
 */
public final class PhraseSentences {

  private static final Pattern GERMAN_PHRASE =
      Pattern.compile("(?<rest>\\p{L}[^/,;()\\[\\]…!?.]*?) (?<verb>haben|sein|werden)");
  private static final Pattern ENGLISH_PHRASE =
      Pattern.compile("to (?<verb>[a-z]+)(?: (?<rest>[^/,;()\\[\\]…!?]+))?");
  private static final Set<String> GERMAN_UNSUITABLE =
      Set.of(
          "jd", "jdm", "jdn", "jds", "etw", "sich", "mich", "dich", "uns", "euch", "man", "haben",
          "sein", "werden");
  private static final Pattern GERMAN_POSSESSIVE =
      Pattern.compile("(?i)(mein|dein|sein|ihr|unser|euer|eur)(e|em|en|er|es)?");
  private static final Set<String> ENGLISH_UNSUITABLE =
      Set.of(
          "sb",
          "sth",
          "sb's",
          "sth's",
          "one",
          "one's",
          "oneself",
          "someone",
          "somebody",
          "my",
          "myself",
          "your",
          "yours",
          "yourself",
          "his",
          "him",
          "himself",
          "her",
          "hers",
          "herself",
          "their",
          "theirs",
          "them",
          "themselves",
          "our",
          "ourselves",
          "i",
          "we",
          "you",
          "he",
          "she",
          "they",
          "to");
  private static final int MAX_GERMAN_WORDS = 5;
  private static final int MAX_ENGLISH_WORDS = 8;

  private PhraseSentences() {}

  /** One grammatical person on both sides, in the forms the three German verbs need. */
  private record Person(
      String german, String haben, String sein, String werden, String english, String be) {

    String germanVerb(String infinitive) {
      return switch (infinitive) {
        case "haben" -> haben;
        case "sein" -> sein;
        default -> werden;
      };
    }

    boolean thirdSingular() {
      return be.equals("is");
    }
  }

  private static final Person ICH = new Person("Ich", "habe", "bin", "werde", "I", "am");
  private static final Person DU = new Person("du", "hast", "bist", "wirst", "you", "are");
  private static final List<Person> OTHERS =
      List.of(
          new Person("Er", "hat", "ist", "wird", "He", "is"),
          new Person("Sie", "hat", "ist", "wird", "She", "is"),
          new Person("Wir", "haben", "sind", "werden", "We", "are"));

  /**
   * The sentences one dictionary pair yields: none if it is not a suitable verb phrase, otherwise a
   * first-person statement, a second-person question and a statement in one more person.
   */
  public static List<SentencePair> of(SentencePair phrase) {
    Matcher german = GERMAN_PHRASE.matcher(phrase.source().strip());
    Matcher english = ENGLISH_PHRASE.matcher(phrase.target().strip());
    if (!german.matches() || !english.matches()) {
      return List.of();
    }
    String germanRest = german.group("rest");
    String infinitive = german.group("verb");
    String verb = english.group("verb");
    String englishRest = english.group("rest") == null ? "" : " " + english.group("rest");
    boolean needsComplement = verb.equals("be") || verb.equals("have");
    if (!suitableGerman(germanRest)
        || !suitableEnglish(verb + englishRest)
        || (needsComplement && englishRest.isEmpty())) {
      return List.of();
    }
    Person other =
        OTHERS.get(
            (int) (CorpusSplit.unitHash(CorpusSplit.splitKey(phrase.source())) * OTHERS.size()));
    List<SentencePair> sentences = new ArrayList<>(3);
    for (Person person : List.of(ICH, other)) {
      sentences.add(
          new SentencePair(
              person.german() + " " + person.germanVerb(infinitive) + " " + germanRest + ".",
              person.english() + " " + conjugate(verb, person) + englishRest + "."));
    }
    String question =
        verb.equals("be") ? "Are you" + englishRest + "?" : "Do you " + verb + englishRest + "?";
    sentences.add(
        new SentencePair(
            capitalise(DU.germanVerb(infinitive)) + " du " + germanRest + "?", question));
    return sentences;
  }

  /**
   * Sentences for every pair of {@code dictionary}, each put in the part of {@code corpus} its
   * phrase hashes into, so a held-out phrase never reaches training in sentence form. A sentence
   * whose source matches a dev or test source is left out of training, and one that matches a test
   * source is left out of dev.
   */
  public static CorpusSplit split(List<SentencePair> dictionary, CorpusSplit corpus) {
    Set<SentencePair> train = new LinkedHashSet<>();
    Set<SentencePair> dev = new LinkedHashSet<>();
    Set<SentencePair> test = new LinkedHashSet<>();
    for (SentencePair phrase : dictionary) {
      List<SentencePair> sentences = of(phrase);
      switch (CorpusSplit.partOf(phrase.source())) {
        case TRAIN -> train.addAll(sentences);
        case DEV -> dev.addAll(sentences);
        case TEST -> test.addAll(sentences);
      }
    }
    Set<String> testSources = keys(corpus.test(), test);
    Set<String> heldOutSources = keys(corpus.dev(), dev);
    heldOutSources.addAll(testSources);
    train.removeIf(pair -> heldOutSources.contains(CorpusSplit.splitKey(pair.source())));
    dev.removeIf(pair -> testSources.contains(CorpusSplit.splitKey(pair.source())));
    return new CorpusSplit(List.copyOf(train), List.copyOf(dev), List.copyOf(test));
  }

  private static Set<String> keys(List<SentencePair> corpus, Set<SentencePair> sentences) {
    Set<String> keys = new HashSet<>();
    for (SentencePair pair : corpus) {
      keys.add(CorpusSplit.splitKey(pair.source()));
    }
    for (SentencePair pair : sentences) {
      keys.add(CorpusSplit.splitKey(pair.source()));
    }
    return keys;
  }

  private static boolean suitableGerman(String rest) {
    String[] words = rest.split(" ");
    if (words.length > MAX_GERMAN_WORDS) {
      return false;
    }
    for (String word : words) {
      String bare = word.replace(".", "").toLowerCase(Locale.ROOT);
      if (bare.isEmpty()
          || GERMAN_UNSUITABLE.contains(bare)
          || GERMAN_POSSESSIVE.matcher(bare).matches()
          || bare.chars().anyMatch(Character::isDigit)) {
        return false;
      }
    }
    return true;
  }

  private static boolean suitableEnglish(String phrase) {
    String[] words = phrase.split(" ");
    if (words.length > MAX_ENGLISH_WORDS) {
      return false;
    }
    for (int i = 0; i < words.length; i++) {
      String bare = words[i].replace('’', '\'').toLowerCase(Locale.ROOT);
      if (bare.isEmpty()
          || (i > 0 && ENGLISH_UNSUITABLE.contains(bare.replace(".", "")))
          || bare.endsWith(".")
          || bare.chars().anyMatch(Character::isDigit)) {
        return false;
      }
    }
    return true;
  }

  /** The present tense of an English verb for {@code person}. */
  static String conjugate(String verb, Person person) {
    if (verb.equals("be")) {
      return person.be();
    }
    if (!person.thirdSingular()) {
      return verb;
    }
    if (verb.equals("have")) {
      return "has";
    }
    if (verb.matches(".*(s|sh|ch|x|z|o)")) {
      return verb + "es";
    }
    if (verb.matches(".*[^aeiou]y")) {
      return verb.substring(0, verb.length() - 1) + "ies";
    }
    return verb + "s";
  }

  private static String capitalise(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
