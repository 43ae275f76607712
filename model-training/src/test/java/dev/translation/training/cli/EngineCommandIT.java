package dev.translation.training.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.engine.StarterModel;
import dev.translation.engine.bundle.ModelBundle;
import dev.translation.engine.bundle.ModelManifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's engine commands, run in-process against the starter model. */
class EngineCommandIT {

  @TempDir Path dir;

  @Test
  void everyCommandHasHelpEvenWhereVersionNamesTheModelVersion() throws Exception {
    for (String command : List.of("translate", "train", "import-marian", "synthetic-marian")) {
      Run run = run(command, "--help");

      assertThat(run.exitCode).as(command).isZero();
      assertThat(run.out).as(command).startsWith("Usage: engine " + command);
    }
  }

  @Test
  void importMarianConvertsACheckpointAndRefusesOneItDoesNotImplement() throws Exception {
    Path checkpoint = Path.of("src/test/resources/marian/tiny-de-en");

    Run converted =
        run("import-marian", checkpoint.toString(), "--out", dir.resolve("tiny").toString());
    Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"bert\"}");
    Files.writeString(dir.resolve("vocab.json"), "{}");
    Run refused = run("import-marian", dir.toString(), "--out", dir.resolve("x").toString());

    assertThat(converted.exitCode).isZero();
    assertThat(ModelBundle.open(dir.resolve("tiny")).manifest().id()).isEqualTo("tiny-de-en@1");
    assertThat(refused.exitCode).isEqualTo(1);
    assertThat(refused.err).startsWith("error: ").contains("has no source.spm");
  }

  @Test
  void translateWritesOneLinePerInputLine() throws Exception {
    Path input = dir.resolve("in.txt");
    Files.writeString(input, "Wo ist der Bahnhof?\n\nGuten Morgen\n");

    Run run =
        run(
            "translate",
            "--bundle",
            StarterModel.bundle().toString(),
            "--beam",
            "1",
            input.toString());

    assertThat(run.exitCode).isZero();
    assertThat(run.out.lines().toList()).hasSize(3);
    assertThat(run.out.lines().toList().get(0)).containsIgnoringCase("station");
    assertThat(run.out.lines().toList().get(1)).isEmpty();
  }

  @Test
  void evaluateRecordsScoresIntoACopyOfTheBundleWhichStillVerifies() throws Exception {
    Path bundle = StarterModel.copyTo(dir.resolve("bundle"));
    Path test = dir.resolve("test.tsv");
    Files.writeString(
        test, "Ich habe Hunger.\tI am hungry.\nWo ist der Bahnhof?\tWhere is the station?\n");

    Run run =
        run(
            "evaluate",
            "--bundle",
            bundle.toString(),
            "--test",
            test.toString(),
            "--test-name",
            "tiny",
            "--baseline-train",
            test.toString(),
            "--beam",
            "1",
            "--record");

    assertThat(run.exitCode).isZero();
    assertThat(run.out).contains("BLEU").contains("chrF").contains("dictionary baseline");
    ModelManifest manifest = ModelBundle.open(bundle).manifest();
    assertThat(manifest.metrics())
        .anySatisfy(m -> assertThat(m.testSet() + "/" + m.system()).isEqualTo("tiny/model greedy"))
        .anySatisfy(m -> assertThat(m.system()).isEqualTo("dictionary-baseline"));
  }

  @Test
  void prepareCorpusWritesTheSplitAndTheVerbPhrasesAsSentences() throws Exception {
    Path ding = dir.resolve("de-en");
    Files.writeString(
        ding,
        """
        Durst {m} | Durst haben :: thirst | to be thirsty
        müde {adj} | müde werden :: tired | to get tired
        jdm. böse sein :: to be angry with sb.
        """);

    Run run = run("prepare-corpus", "--ding", ding.toString(), "--out", dir.toString());

    assertThat(run.exitCode).isZero();
    String sentences =
        Files.readString(dir.resolve("phrase-sentences-train.tsv"))
            + Files.readString(dir.resolve("phrase-sentences-dev.tsv"))
            + Files.readString(dir.resolve("phrase-sentences-test.tsv"));
    assertThat(sentences)
        .contains("Ich habe Durst.\tI am thirsty.\n")
        .contains("Wirst du müde?\tDo you get tired?\n")
        .doesNotContain("böse");
    assertThat(run.err).contains("phrase sentences -> train=");
  }

  @Test
  void prepareCorpusWritesTheFullSentencesOfDevApart() throws Exception {
    Path corpus = dir.resolve("corpus.tsv");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      lines.add("Wort" + i + "\tword" + i);
      lines.add("Das ist Satz " + i + ".\tThis is sentence " + i + ".");
    }
    Files.write(corpus, lines);

    Run run = run("prepare-corpus", "--tsv", corpus.toString(), "--out", dir.toString());

    assertThat(run.exitCode).isZero();
    List<String> dev = Files.readAllLines(dir.resolve("dev.tsv"));
    List<String> devSentences = Files.readAllLines(dir.resolve("dev-sentences.tsv"));
    assertThat(dev).anyMatch(line -> line.startsWith("Wort"));
    assertThat(devSentences)
        .isNotEmpty()
        .allMatch(line -> line.startsWith("Das ist Satz"))
        .containsExactlyElementsOf(
            dev.stream().filter(line -> line.startsWith("Das ist Satz")).toList());
  }

  @Test
  void missingBundleFailsWithANonZeroExitAndAMessage() {
    Run run = run("translate", "--bundle", dir.resolve("nope").toString());

    assertThat(run.exitCode).isNotZero();
    assertThat(run.err).contains("error: Not a model bundle").doesNotContain("\tat ");
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      CommandLine commandLine = EngineCommand.commandLine();
      commandLine.setOut(new java.io.PrintWriter(System.out, true));
      commandLine.setErr(new java.io.PrintWriter(System.err, true));
      int code = commandLine.execute(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
