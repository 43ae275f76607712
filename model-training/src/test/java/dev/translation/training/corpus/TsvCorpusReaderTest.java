package dev.translation.training.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsvCorpusReaderTest {

  @TempDir Path directory;

  @Test
  void writtenPairsReadBackWithLayoutCharactersFlattened() throws IOException {
    Path file = directory.resolve("nested/dir/corpus.tsv");
    List<SentencePair> pairs =
        List.of(
            new SentencePair("Ich habe Hunger.", "I am hungry."),
            new SentencePair("Zeile\teins\nzwei", "line\r\none"));

    TsvCorpusReader.write(file, pairs);

    assertThat(Files.readString(file))
        .isEqualTo("Ich habe Hunger.\tI am hungry.\nZeile eins zwei\tline  one\n");
    assertThat(TsvCorpusReader.read(file))
        .containsExactly(
            new SentencePair("Ich habe Hunger.", "I am hungry."),
            new SentencePair("Zeile eins zwei", "line  one"));
  }

  @Test
  void skipsBlankLinesIgnoresExtraColumnsAndByteOrderMark() throws IOException {
    Path file = directory.resolve("corpus.tsv");
    Files.writeString(
        file, "\uFEFFHallo\tHello\n\n   \nWelt\tworld\t0.93\textra\r\n", StandardCharsets.UTF_8);

    assertThat(TsvCorpusReader.read(file))
        .containsExactly(new SentencePair("Hallo", "Hello"), new SentencePair("Welt", "world"));
  }

  @Test
  void lineWithoutTabIsReportedWithFileAndLineNumber() throws IOException {
    Path file = directory.resolve("broken.tsv");
    Files.writeString(file, "Hallo\tHello\n\nkein Tab hier\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> TsvCorpusReader.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining(":3:");
  }
}
