package dev.translation.documents.inline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlaceholderTextTest {

  /** "Klicken Sie <b>hier</b>, um <a><i>mehr</i> zu lesen</a>.<img>" */
  private static PlaceholderText<String> sample() {
    return PlaceholderText.<String>builder()
        .text("Klicken Sie ")
        .start("b")
        .text("hier")
        .end()
        .text(", um ")
        .start("a")
        .start("i")
        .text("mehr")
        .end()
        .text(" zu lesen")
        .end()
        .text(".")
        .standalone("img")
        .build();
  }

  @Test
  void markupBecomesNumberedPlaceholdersInDocumentOrder() {
    PlaceholderText<String> text = sample();

    assertThat(text.text())
        .isEqualTo("Klicken Sie <g1>hier</g1>, um <g2><g3>mehr</g3> zu lesen</g2>.<x4/>");
    assertThat(text.plainText()).isEqualTo("Klicken Sie hier, um mehr zu lesen.");
    assertThat(text.hasPlaceholders()).isTrue();
  }

  @Test
  void anIntactTranslationPutsEachPieceOfMarkupAroundItsTranslatedWords() {
    String restored = restore(sample(), "Click <g1>here</g1> to <g2>read <g3>more</g3></g2>.<x4/>");

    assertThat(restored).isEqualTo("Click [b]here[/b] to [a]read [i]more[/i][/a].{img}");
  }

  @Test
  void siblingsMayChangeOrderAndEnginesMayRespaceTags() {
    String restored =
        restore(sample(), "<X4 />< g2 >Read <G3>more</g3></g2> by clicking <g1>here</ g1>.");

    assertThat(restored).isEqualTo("{img}[a]Read [i]more[/i][/a] by clicking [b]here[/b].");
  }

  @Test
  void lostMarkupIsKeptWithItsOriginalWordsAtTheEndOfItsEnclosingMarkup() {
    String restored = restore(sample(), "Click here to <g2>read more</g2>.");

    assertThat(restored).isEqualTo("Click here to [a]read more (i:mehr)[/a]. (b:hier) (img)");
  }

  @Test
  void repeatedOrCrossedPlaceholdersCountAsLost() {
    assertThat(restore(sample(), "<g1>Click</g1> <g1>here</g1> <g2><g3>more</g3></g2><x4/>"))
        .isEqualTo("Click here [a][i]more[/i][/a]{img} (b:hier)");
    assertThat(restore(sample(), "<g1>Click <g2>here</g1> <g3>more</g3></g2><x4/>"))
        .isEqualTo("[b]Click here[/b] more{img} (a:[i]mehr[/i] zu lesen)");
  }

  @Test
  void markupMovedOutOfItsEnclosingMarkupIsKeptInsideIt() {
    String restored = restore(sample(), "Click <g1>here</g1> to <g3>read</g3> <g2>more</g2>.<x4/>");

    assertThat(restored).isEqualTo("Click [b]here[/b] to read [a]more (i:mehr)[/a].{img}");
  }

  @Test
  void placeholdersTheTranslationInventsAreDropped() {
    String restored =
        restore(sample(), "Click <g1>here</g1><g9>!</g9><x7/> <g2><g3>more</g3></g2><x4/>");

    assertThat(restored).isEqualTo("Click [b]here[/b]! [a][i]more[/i][/a]{img}");
  }

  @Test
  void tagsTheSourceHoldsAsTextAreNeverMistakenForPlaceholders() {
    PlaceholderText<String> text =
        PlaceholderText.<String>builder()
            .text("Schreiben Sie <g1> oder <x2/> ")
            .start("b")
            .text("nie")
            .end()
            .build();

    assertThat(text.text()).isEqualTo("Schreiben Sie <g1> oder <x2/> <g3>nie</g3>");
    assertThat(restore(text, "Never <g3>write</g3> <g1> or <x2/>."))
        .isEqualTo("Never [b]write[/b] <g1> or <x2/>.");
  }

  @Test
  void aTextWithoutMarkupComesBackAsItIs() {
    PlaceholderText<String> text = PlaceholderText.<String>builder().text("Hallo Welt").build();

    assertThat(text.text()).isEqualTo("Hallo Welt");
    assertThat(text.hasPlaceholders()).isFalse();
    assertThat(restore(text, "Hello world")).isEqualTo("Hello world");
    assertThat(restore(text, "")).isEmpty();
  }

  @Test
  void unbalancedMarkupIsABuilderMistake() {
    assertThatThrownBy(() -> PlaceholderText.<String>builder().end())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> PlaceholderText.<String>builder().start("b").build())
        .isInstanceOf(IllegalStateException.class);
  }

  /**
   * The restored translation as a string: paired markup as [name]…[/name], standalone as {name},
   * kept markup as (name) or, for the sample's paired markup, with its original content.
   */
  private static String restore(PlaceholderText<String> text, String translation) {
    StringBuilder out = new StringBuilder();
    text.restore(
        translation,
        new PlaceholderText.Sink<>() {
          @Override
          public void text(String text) {
            assertThat(text).isNotEmpty();
            out.append(text);
          }

          @Override
          public void start(String code) {
            out.append('[').append(code).append(']');
          }

          @Override
          public void end(String code) {
            out.append("[/").append(code).append(']');
          }

          @Override
          public void standalone(String code) {
            out.append('{').append(code).append('}');
          }

          @Override
          public void keep(String code) {
            String original =
                switch (code) {
                  case "b" -> ":hier";
                  case "i" -> ":mehr";
                  case "a" -> ":[i]mehr[/i] zu lesen";
                  default -> "";
                };
            out.append('(').append(code).append(original).append(')');
          }
        });
    return out.toString();
  }
}
