package dev.translation.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarianTokenizerTest {

  @Test
  void cleanUpRemovesSpacesBeforePunctuationAndContractionsAsHuggingFaceDoes() {
    assertThat(MarianTokenizer.cleanUpSpaces("I do n't know , do you ? It 's fine ! Yes ."))
        .isEqualTo("I don't know, do you? It's fine! Yes.");
    assertThat(MarianTokenizer.cleanUpSpaces("we 're here , you 've seen , I 'm ' ok ' now"))
        .isEqualTo("we're here, you've seen, I'm'ok'now");
  }

  @Test
  void stripsWhatPythonStrips() {
    assertThat(MarianTokenizer.pythonStrip("\u00a0\u202f Hello world\u0085\n\u3000"))
        .isEqualTo("Hello world");
    assertThat(MarianTokenizer.pythonStrip(" \t ")).isEmpty();
  }

  @Test
  void cleanUpLeavesOtherSpacesAlone() {
    assertThat(MarianTokenizer.cleanUpSpaces("a - b ; c : d ( e )"))
        .isEqualTo("a - b ; c : d ( e )");
  }
}
