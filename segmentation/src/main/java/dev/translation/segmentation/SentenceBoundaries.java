package dev.translation.segmentation;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one line's sentences end: ICU's sentence rules (Unicode UAX #29 with the language's data),
 * with the breaks they wrongly take after German abbreviations and ordinal numbers taken back. ICU
 * breaks "z. B." and "Dr. Müller" apart and ends a sentence after "3." in "am 3. Oktober"; a
 * sentence cut there is translated as two fragments and reads wrongly, so those breaks are removed.
 * A break after an abbreviation that also ends sentences ("usw.", "etc.") is kept when a capital
 * follows, as ICU decides.
 */
final class SentenceBoundaries {

  /** Abbreviations that are (almost) never the end of a German sentence. */
  private static final Set<String> GERMAN_ABBREVIATIONS =
      Set.of(
          "abs", "abt", "allg", "art", "bd", "bspw", "bzgl", "bzw", "ca", "dgl", "dipl", "dr",
          "evtl", "fa", "fr", "frl", "geb", "gem", "ggf", "hr", "hrsg", "inkl", "ing", "jh", "jr",
          "kap", "lt", "max", "mind", "min", "mio", "mrd", "nr", "od", "prof", "s", "sog", "st",
          "str", "tel", "u", "übers", "usf", "v", "vgl", "z", "zzgl", "zit", "ziff");

  private static final Set<String> MONTHS =
      Set.of(
          "januar",
          "jänner",
          "februar",
          "märz",
          "april",
          "mai",
          "juni",
          "juli",
          "august",
          "september",
          "oktober",
          "november",
          "dezember",
          "jan",
          "feb",
          "mär",
          "apr",
          "jun",
          "jul",
          "aug",
          "sep",
          "sept",
          "okt",
          "nov",
          "dez");

  /** The last word before a candidate break, with its full stop. */
  private static final Pattern LAST_WORD = Pattern.compile("(\\p{L}+|\\d+)\\.\\s*$");

  /** The first word after a candidate break. */
  private static final Pattern FIRST_WORD = Pattern.compile("^\\s*(\\p{L}+|\\d)");

  private SentenceBoundaries() {}

  /** The sentences of {@code text} (one line, whitespace already collapsed), stripped. */
  static List<String> sentences(String text, Locale locale) {
    BreakIterator iterator = BreakIterator.getSentenceInstance(ULocale.forLocale(locale));
    iterator.setText(text);
    boolean german = "de".equals(locale.getLanguage());
    List<String> sentences = new ArrayList<>();
    int start = iterator.first();
    for (int end = iterator.next(); end != BreakIterator.DONE; end = iterator.next()) {
      if (end < text.length() && german && continues(text.substring(start, end), text, end)) {
        continue;
      }
      String sentence = text.substring(start, end).strip();
      if (!sentence.isEmpty()) {
        sentences.add(sentence);
      }
      start = end;
    }
    return sentences;
  }

  /** Whether the sentence so far does not end at {@code end} after all. */
  private static boolean continues(String sentenceSoFar, String text, int end) {
    Matcher last = LAST_WORD.matcher(sentenceSoFar);
    if (!last.find()) {
      return false;
    }
    String word = last.group(1);
    Matcher first = FIRST_WORD.matcher(text.substring(end));
    String next = first.find() ? first.group(1) : "";
    if (Character.isDigit(word.charAt(0))) {
      // "am 3. Oktober", "der 2. und 3. Platz": an ordinal, not the end of a sentence.
      return MONTHS.contains(next.toLowerCase(Locale.ROOT))
          || !next.isEmpty()
              && (Character.isLowerCase(next.charAt(0)) || Character.isDigit(next.charAt(0)));
    }
    String lower = word.toLowerCase(Locale.ROOT);
    if (MONTHS.contains(lower) && !next.isEmpty() && Character.isDigit(next.charAt(0))) {
      return true; // "24. Dez. 2020"
    }
    // Single letters are initials or parts of "z. B.", "d. h.", "u. a.".
    return word.length() == 1 || GERMAN_ABBREVIATIONS.contains(lower);
  }
}
