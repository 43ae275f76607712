package dev.translation.documents.office;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpanDistributionTest {

  private static final List<String> SENTENCE =
      List.of(
          "Das Jahr 2024 war für unser Unternehmen ",
          "sehr erfolgreich",
          ", und wir haben ",
          "viele neue Kunden",
          " gewonnen.");

  @Test
  void aSingleSpanTakesTheWholeTranslation() {
    assertThat(SpanDistribution.distribute(List.of("Hallo Welt"), "Hello world"))
        .containsExactly("Hello world");
  }

  @Test
  void spansFoundUnchangedInTheTranslationKeepExactlyTheirText() {
    String translation = "EN: " + String.join("", SENTENCE);

    List<String> pieces = SpanDistribution.distribute(SENTENCE, translation);

    assertThat(pieces)
        .containsExactly(
            "EN: Das Jahr 2024 war für unser Unternehmen ",
            "sehr erfolgreich",
            ", und wir haben ",
            "viele neue Kunden",
            " gewonnen.");
  }

  @Test
  void aWordTheTranslationKeepsKeepsItsFormattingWhereverItMoves() {
    List<String> pieces =
        SpanDistribution.distribute(
            List.of("Für den Betrieb nutzen wir ", "Kubernetes", " seit Jahren."),
            "We have run Kubernetes in production for years.");

    assertThat(pieces).containsExactly("We have run ", "Kubernetes", " in production for years.");
  }

  @Test
  void otherwiseTheTranslationIsCutInProportionAtWordStarts() {
    String translation =
        "The year 2024 was very successful for our company, and we won many new customers.";

    List<String> pieces = SpanDistribution.distribute(SENTENCE, translation);

    assertThat(String.join("", pieces)).isEqualTo(translation);
    assertThat(pieces).allSatisfy(piece -> assertThat(piece).isNotBlank());
    for (int i = 1; i < pieces.size(); i++) {
      boolean atSpace = pieces.get(i - 1).endsWith(" ") || pieces.get(i).startsWith(" ");
      assertThat(atSpace).as("pieces %d and %d meet between words", i - 1, i).isTrue();
    }
    // Spaces sit where the source had them: " gewonnen." began with one.
    assertThat(pieces.get(4)).startsWith(" ");
    // The bold span sat right after the first 40% of the source; it stays about there.
    assertThat(translation.indexOf(pieces.get(1))).isBetween(25, 45);
  }

  @Test
  void aFullStopInASpanOfItsOwnStaysAtTheEndAfterTheLink() {
    List<String> pieces =
        SpanDistribution.distribute(
            List.of("Weitere Informationen finden Sie auf ", "unserer Webseite", "."),
            "More information can be found on our website.");

    assertThat(pieces).containsExactly("More information can be found ", "on our website", ".");
  }

  @Test
  void whitespaceOnlySpansGetNothingAndNothingIsLost() {
    List<String> pieces =
        SpanDistribution.distribute(
            List.of("fett", " ", "kursiv", "\t", "normal"), "bold italic plain text");

    assertThat(pieces.get(1)).isEmpty();
    assertThat(pieces.get(3)).isEmpty();
    assertThat(String.join("", pieces)).isEqualTo("bold italic plain text");
  }

  @Test
  void withFewerWordsThanSpansTheLastSpansStayEmptyButNoWordIsLost() {
    List<String> pieces =
        SpanDistribution.distribute(List.of("eins ", "zwei ", "drei ", "vier"), "one two");

    assertThat(pieces).containsExactly("one ", "two", "", "");
  }

  @Test
  void aSpaceBothNeighboursHadInTheSourceStaysOnBothSides() {
    // "Seite [page field] von [field]": the field sits between the two spans.
    List<String> pieces = SpanDistribution.distribute(List.of("Seite ", " von "), "Page of ");

    assertThat(pieces).containsExactly("Page ", " of ");
  }

  @Test
  void aSpaceMovesToTheSideTheSourceHadIt() {
    List<String> pieces =
        SpanDistribution.distribute(List.of("Wir nutzen", " Kubernetes."), "We use Kubernetes.");

    assertThat(pieces).containsExactly("We use", " Kubernetes.");
  }

  @Test
  void shortSpansAreNeverAnchoredByChance() {
    // "an" occurs in the translation, but a two-letter span must not pin itself there.
    List<String> pieces =
        SpanDistribution.distribute(
            List.of("Bitte rufen Sie uns ", "an", " wenn Sie Fragen haben."),
            "Please call us if you have an question.");

    assertThat(pieces.get(1)).isNotEqualTo("an");
    assertThat(String.join("", pieces)).isEqualTo("Please call us if you have an question.");
  }
}
