package dev.translation.launcher.batch.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.contracts.LanguagePair;
import dev.translation.launcher.batch.BadInputException;
import dev.translation.launcher.corpus.CorpusBatch;
import dev.translation.launcher.corpus.CorpusFormat;
import org.junit.jupiter.api.Test;

class CorpusShapeTest {

  private static CorpusShape shape(CorpusFormat format, String field, String header) {
    return CorpusShape.of(
        new CorpusBatch(
            "b1", 1, "in", format, field, header != null, "out", LanguagePair.GERMAN_TO_ENGLISH, 1),
        header);
  }

  @Test
  void aJsonlLineGainsTheTranslationAndKeepsEverythingElseByteForByte() {
    CorpusShape jsonl = shape(CorpusFormat.JSONL, "text", null);
    String line =
        "{\"id\": 7, \"score\": 0.1000000000000000055511151231257827, \"text\": \"Hallo\"}";

    assertThat(jsonl.source(line).text()).isEqualTo("Hallo");
    assertThat(jsonl.withTranslation(line, "Hello \"you\""))
        .isEqualTo(
            "{\"id\": 7, \"score\": 0.1000000000000000055511151231257827, \"text\": \"Hallo\","
                + "\"text_en\":\"Hello \\\"you\\\"\"}");
  }

  @Test
  void jsonlLinesWithoutTheFieldAreProblemsAndComeBackAsTheyWere() {
    CorpusShape jsonl = shape(CorpusFormat.JSONL, "text", null);

    assertThat(jsonl.source("[1, 2]").problem()).isEqualTo("is not a JSON object");
    assertThat(jsonl.source("{\"text\": 3}").problem()).isEqualTo("has no string field 'text'");
    assertThat(jsonl.source("{oops").problem()).startsWith("is not JSON");
    assertThat(jsonl.withTranslation("{oops", null)).isEqualTo("{oops");
    assertThat(jsonl.withTranslation("{}", null)).isEqualTo("{\"text_en\":\"\"}");
  }

  @Test
  void aTsvColumnIsFoundByNumberOrHeaderNameAndTheTranslationIsAppended() {
    CorpusShape byName = shape(CorpusFormat.TSV, "de", "id\tde");
    CorpusShape byNumber = shape(CorpusFormat.TSV, "2", null);

    assertThat(byName.source("1\tHallo").text()).isEqualTo("Hallo");
    assertThat(byNumber.source("1\tHallo").text()).isEqualTo("Hallo");
    assertThat(byNumber.source("1").problem()).isEqualTo("has 1 columns, column 2 was asked for");
    assertThat(byNumber.withTranslation("1\tHallo", "Hello\tthere\n"))
        .isEqualTo("1\tHallo\tHello there ");
    assertThat(byName.header("id\tde", "en")).isEqualTo("id\tde\ttranslation_en");
  }

  @Test
  void aTsvColumnThatCannotExistIsBadInput() {
    assertThatThrownBy(() -> shape(CorpusFormat.TSV, "99999999999", null))
        .isInstanceOf(BadInputException.class)
        .hasMessage("TSV columns are numbered from 1 to 10000");
    assertThatThrownBy(() -> shape(CorpusFormat.TSV, "0", null))
        .isInstanceOf(BadInputException.class);
    assertThatThrownBy(() -> shape(CorpusFormat.TSV, "text", null))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("no header line");
    assertThatThrownBy(() -> shape(CorpusFormat.TSV, "fr", "id\tde"))
        .isInstanceOf(BadInputException.class)
        .hasMessage("the TSV header has no column 'fr'; it has id, de");
  }

  @Test
  void aTextLineIsItsOwnTextAndItsTranslationStaysOnOneLine() {
    CorpusShape text = shape(CorpusFormat.TEXT, null, null);

    assertThat(text.source("Guten Tag.").text()).isEqualTo("Guten Tag.");
    assertThat(text.withTranslation("Guten Tag.", "Good\nday.")).isEqualTo("Good day.");
    assertThat(text.withTranslation("kaputt", null)).isEmpty();
  }
}
