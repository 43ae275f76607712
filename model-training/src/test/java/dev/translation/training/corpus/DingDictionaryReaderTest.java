package dev.translation.training.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DingDictionaryReaderTest {

  @TempDir Path directory;

  private List<SentencePair> read(String... lines) throws IOException {
    Path file = directory.resolve("de-en");
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return new DingDictionaryReader().read(file);
  }

  @Test
  void alignsSubEntriesPositionallyAndStripsAnnotations() throws IOException {
    // Real line from trans-de-en: headword, plural, then an example sentence.
    List<SentencePair> pairs =
        read(
            "Aalspieß {m} | Aalspieße {pl} :: eel spear | eel spears",
            "Lernfähigkeit {f} :: learning ability",
            "Wo ist ihr ständiger Wohnsitz? :: Where is your permanent residence?");

    assertThat(pairs)
        .containsExactly(
            new SentencePair("Aalspieß", "eel spear"),
            new SentencePair("Aalspieße", "eel spears"),
            new SentencePair("Lernfähigkeit", "learning ability"),
            new SentencePair(
                "Wo ist ihr ständiger Wohnsitz?", "Where is your permanent residence?"));
  }

  @Test
  void keepsExampleSentencesWithQuotesAndRemovesGlossesInsideThem() throws IOException {
    // Shortened real line: the "Ich habe Hunger" example and a parenthesised gloss with a "; ".
    List<SentencePair> pairs =
        read(
            "ich {ppron}; icke [Berlin] ~mir ~mich | „Ich habe Hunger.“ „Ich auch.“ :: "
                + "I; me (used after 'to be'; 'than' or 'as', without a verb and [coll.] instead"
                + " of I) | 'I’m hungry.' 'Me too.'");

    assertThat(pairs)
        .containsExactly(
            new SentencePair("ich", "I"),
            new SentencePair("icke", "me"),
            new SentencePair("„Ich habe Hunger.“ „Ich auch.“", "'I’m hungry.' 'Me too.'"));
  }

  @Test
  void pairsSynonymsWithoutCrossProduct() throws IOException {
    List<SentencePair> pairs = read("A; B; C :: x; y", "D :: u; v; w");

    assertThat(pairs)
        .containsExactly(
            // i-th with i-th, then the leftover German synonym with the first English one.
            new SentencePair("A", "x"),
            new SentencePair("B", "y"),
            new SentencePair("C", "x"),
            // The single German synonym with every English one.
            new SentencePair("D", "u"),
            new SentencePair("D", "v"),
            new SentencePair("D", "w"));
  }

  @Test
  void doesNotSplitSynonymsInsideBrackets() throws IOException {
    List<SentencePair> pairs =
        read(
            "Arbeit (an jdn.) abgeben; (Arbeit; Auftrag) vergeben {vt} :: "
                + "to farm out <> work (to sb.)");

    assertThat(pairs)
        .containsExactly(
            new SentencePair("Arbeit abgeben", "to farm out work"),
            new SentencePair("vergeben", "to farm out work"));
  }

  @Test
  void removesAbbreviationsAndCrossReferences() throws IOException {
    List<SentencePair> pairs =
        read(
            "Abfahrt {f} /Abf./; Abflug {m} [transp.] :: departure /dep./",
            "Hafenarbeiter {m}; Dockarbeiter {m} ~Stauer :: dock worker; docker ~stevedore",
            "Vortrag {m} [fin.] :: brought forward /b/f/");

    assertThat(pairs)
        .containsExactly(
            new SentencePair("Abfahrt", "departure"),
            new SentencePair("Abflug", "departure"),
            new SentencePair("Hafenarbeiter", "dock worker"),
            new SentencePair("Dockarbeiter", "docker"),
            new SentencePair("Vortrag", "brought forward"));
  }

  @Test
  void keepsSlashAlternativesAndUnmatchedBracketsAsText() throws IOException {
    List<SentencePair> pairs = read("Das ist blanker Unsinn. :: That is sheer/pure nonsense :-(");

    assertThat(pairs)
        .containsExactly(
            new SentencePair("Das ist blanker Unsinn.", "That is sheer/pure nonsense :-("));
  }

  @Test
  void closesSpaceLeftBeforePunctuationByRemovedGloss() throws IOException {
    List<SentencePair> pairs =
        read("Wo ist (denn) hier die Toilette (bitte)? :: Where is the toilet?");

    assertThat(pairs)
        .containsExactly(new SentencePair("Wo ist hier die Toilette?", "Where is the toilet?"));
  }

  @Test
  void pairsOnlyTheSharedSubEntriesWhenCountsDiffer() throws IOException {
    List<SentencePair> pairs = read("a | b | c :: x | y");

    assertThat(pairs).containsExactly(new SentencePair("a", "x"), new SentencePair("b", "y"));
  }

  @Test
  void dropsSynonymsThatAreOnlyAnnotationsAndDuplicatePairs() throws IOException {
    List<SentencePair> pairs =
        read("Haus {n} | {pl} :: house | houses", "Haus {n} :: house", "Haus [arch.] :: house");

    assertThat(pairs).containsExactly(new SentencePair("Haus", "house"));
  }

  @Test
  void skipsCommentsBlankAndMalformedLinesAndCountsOnlyMalformed() throws IOException {
    Path file = directory.resolve("de-en");
    Files.write(
        file,
        List.of(
            "# Version :: devel 2023-01-30",
            "",
            "Aal {m} :: eel",
            "no separator here",
            "a :: b :: c"),
        StandardCharsets.UTF_8);
    DingDictionaryReader reader = new DingDictionaryReader();

    List<SentencePair> pairs = reader.read(file);

    assertThat(pairs).containsExactly(new SentencePair("Aal", "eel"));
    assertThat(reader.skippedLines()).isEqualTo(2);

    Files.write(file, List.of("Aal {m} :: eel"), StandardCharsets.UTF_8);
    reader.read(file);
    assertThat(reader.skippedLines()).as("count restarts with every read").isZero();
  }
}
