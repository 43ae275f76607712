package dev.translation.localmode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.documents.DocumentFormat;
import dev.translation.documents.DocumentLimits;
import dev.translation.documents.FormatHandlers;
import dev.translation.documents.markdown.MarkdownStructure;
import dev.translation.testfixtures.WebPageSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Documents as submitters send them, through the whole pipeline with the starter model: the sample
 * of every supported format translated by {@code bin/translate}'s command line (as a separate
 * process), each translation read back with its format's handler; and a text and a DOCX through the
 * web page in headless Chromium.
 */
class DocumentPipelineIT {

  private static final FormatHandlers FORMATS = FormatHandlers.all(DocumentLimits.DEFAULTS);

  private static Path root;
  private static Path data;
  private static LocalPipeline pipeline;

  @BeforeAll
  static void start() throws Exception {
    root =
        BuiltRepository.withJars(
            "submit-api/target/submit-api.jar",
            "worker/target/worker.jar",
            "translate-cli/target/translate-cli.jar");
    data = Files.createTempDirectory("document-pipeline-it");
    pipeline =
        new LocalPipeline(
                new LocalPipeline.Settings(
                    data,
                    root,
                    root.resolve("models/de-en-starter/4"),
                    BuiltRepository.freePort(),
                    List.of(BuiltRepository.freePort(), BuiltRepository.freePort()),
                    null,
                    null,
                    Map.of("TRANSLATION_API_LIMITS_REQUESTSPERMINUTE", "100000"),
                    null))
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (pipeline != null) {
      pipeline.close();
    }
    TestData.keepOnlyLogs(data);
  }

  @Test
  void everySampleFormatIsTranslatedWithItsStructureKept() throws Exception {
    Path folder = Files.createDirectory(data.resolve("samples"));
    List<Path> samples = new ArrayList<>();
    try (Stream<Path> files = Files.list(root.resolve("documents/src/test/resources/samples"))) {
      for (Path sample : files.sorted().toList()) {
        // sample.pdf and sample.docx would both translate to sample.en.docx.
        String name = sample.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1);
        samples.add(Files.copy(sample, folder.resolve(extension + "-" + name)));
      }
    }

    CommandLineRun run = translate(folder.toString(), "--to", "en");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    SoftAssertions softly = new SoftAssertions();
    for (Path sample : samples) {
      byte[] original = Files.readAllBytes(sample);
      List<String> sources =
          FORMATS.forFile(original, sample.getFileName().toString()).texts(original);
      Path translated = translationOf(sample, original);
      String name = translated.getFileName().toString();
      byte[] output = Files.readAllBytes(translated);
      if (name.endsWith(".xlf")) {
        // An XLIFF file keeps its sources and gains targets; units it must not touch (translate
        // "no", final) keep theirs.
        softly.assertThat(FORMATS.forFile(output, name).texts(output)).as(name).isEqualTo(sources);
        softly
            .assertThat(xliffTargets(output))
            .as(name)
            .hasSizeGreaterThanOrEqualTo(sources.size())
            .doesNotContainAnyElementsOf(sources);
        continue;
      }
      if (name.endsWith(".md")) {
        // Emphasis the translation cannot place is dropped, so Markdown's texts may be fewer:
        // its blocks, code, links and images must stay.
        softly
            .assertThat(MarkdownStructure.of(new String(output, StandardCharsets.UTF_8)))
            .as(name)
            .isEqualTo(MarkdownStructure.of(new String(original, StandardCharsets.UTF_8)));
        softly.assertThat(output).as(name).isNotEqualTo(original);
        continue;
      }
      List<String> targets = FORMATS.forFile(output, name).texts(output);
      softly.assertThat(targets).as("texts of %s", name).hasSameSizeAs(sources);
      for (int i = 0; i < Math.min(sources.size(), targets.size()); i++) {
        softly
            .assertThat(targets.get(i))
            .as("text %d of %s", i, name)
            .isNotBlank()
            .isNotEqualTo(sources.get(i));
      }
    }
    softly.assertAll();
  }

  @Test
  void thePageTranslatesATextAndADocxThroughThePipeline(@TempDir Path profile) throws Exception {
    Path downloads = Files.createDirectories(data.resolve("downloads"));
    Path docx = root.resolve("documents/src/test/resources/samples/sample.docx");
    try (WebPageSession page =
        WebPageSession.start(pipeline.apiUrl().resolve("/"), profile, downloads)) {
      page.openPage();
      page.useKey(pipeline.apiKey());

      page.element("text").sendKeys("Ich habe Hunger.");
      page.element("submit-text").click();
      page.waitFor(
          "the translation",
          Duration.ofMinutes(2),
          browser -> !page.texts(By.cssSelector("#translations .translation")).isEmpty());
      assertThat(page.texts(By.cssSelector("#translations .translation")))
          .containsExactly("I am hungry.");

      page.element("file").sendKeys(docx.toString());
      page.element("submit-file").click();
      page.waitFor(
          "the download button",
          Duration.ofMinutes(2),
          browser -> page.element("download").isDisplayed());
      page.element("download").click();
      byte[] translated = Files.readAllBytes(page.downloaded("sample.en.docx"));
      List<String> sources = FORMATS.forFormat(DocumentFormat.DOCX).texts(Files.readAllBytes(docx));
      List<String> targets = FORMATS.forFormat(DocumentFormat.DOCX).texts(translated);
      assertThat(targets).hasSameSizeAs(sources).doesNotContainAnyElementsOf(sources);
      page.assertNoConsoleErrors();
    }
  }

  private static List<String> xliffTargets(byte[] xliff) throws Exception {
    var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    org.w3c.dom.NodeList nodes =
        factory
            .newDocumentBuilder()
            .parse(new java.io.ByteArrayInputStream(xliff))
            .getElementsByTagNameNS("*", "target");
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      targets.add(nodes.item(i).getTextContent().strip());
    }
    return targets;
  }

  /** The file the command wrote for {@code sample}: {@code name.en.ext} in its output format. */
  private static Path translationOf(Path sample, byte[] original) {
    String name = sample.getFileName().toString();
    String extension = FORMATS.forFile(original, name).outputFormat().extension();
    return sample.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".en." + extension);
  }

  /** {@code bin/translate} with the pipeline's address and key, as its own process. */
  private static CommandLineRun translate(String... arguments) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of("--api-url", pipeline.apiUrl().toString(), "--api-key", pipeline.apiKey()));
    command.addAll(List.of(arguments));
    return CommandLineRun.of(
        root, "dev.translation.cli.TranslateCommand", data, data, Duration.ofMinutes(10), command);
  }
}
