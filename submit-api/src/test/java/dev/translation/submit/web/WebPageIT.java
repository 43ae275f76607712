package dev.translation.submit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.submit.ApiIntegrationTest;
import dev.translation.submit.TestClient;
import dev.translation.submit.TestClient.Response;
import dev.translation.submit.security.IssuedApiKey;
import dev.translation.testfixtures.WebPageSession;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

/**
 * The web page at {@code /}, driven in the system's headless Chromium against the real API: what a
 * person sees, typed and clicked, with the test playing the worker. Chromium and its driver come
 * from the system ({@code apt-get install chromium chromium-driver}); Selenium Manager is never
 * asked to download one.
 */
class WebPageIT extends ApiIntegrationTest {

  private WebPageSession page;
  private WebDriver browser;
  @TempDir private Path downloads;

  @BeforeEach
  void startBrowser(@TempDir Path profile) {
    page = WebPageSession.start(URI.create("http://localhost:" + port + "/"), profile, downloads);
    browser = page.browser();
  }

  @AfterEach
  void stopBrowser() {
    if (page != null) {
      page.close();
    }
  }

  @Test
  void thePageLoadsWithoutAKeyUnderAStrictContentSecurityPolicyWithoutConsoleErrors() {
    for (String path : List.of("/", "/index.html", "/app.js", "/app.css", "/favicon.svg")) {
      Response response = anonymousClient().get(path);
      assertThat(response.status()).as(path).isEqualTo(200);
      assertThat(response.header("Content-Security-Policy"))
          .as(path)
          .isEqualTo(ProblemResponses.CONTENT_SECURITY_POLICY)
          .contains("default-src 'self'")
          .doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
    }
    assertThat(anonymousClient().get("/").contentType()).startsWith("text/html");
    assertThat(anonymousClient().get("/app.js").contentType()).startsWith("text/javascript");
    assertThat(anonymousClient().get("/v1/jobs").status())
        .as("the API behind the page still wants a key")
        .isEqualTo(401);

    openPage();

    assertThat(browser.getTitle()).isEqualTo("Translate German to English");
    assertThat(
            browser.findElements(By.cssSelector("h1, h2")).stream()
                .filter(WebElement::isDisplayed)
                .map(WebElement::getText))
        .containsExactly(
            "Translate German to English", "API key", "Translate", "Recent jobs", "Models");
    assertThat(element("jobs-empty").getText()).isEqualTo("Enter your API key to see your jobs.");
    assertThat(element("models-empty").getText())
        .isEqualTo("Enter your API key to see the models that translate.");
    assertThat(texts(By.cssSelector("#source option"))).containsExactly("German");
    assertThat(texts(By.cssSelector("#target option"))).containsExactly("English");
    assertThat(browser.findElements(By.cssSelector("#drop-zone input[type=file]")))
        .as("the drop zone is a plain file input too")
        .hasSize(1);
    assertThat(browser.findElements(By.cssSelector("input, select, textarea")))
        .allSatisfy(
            control ->
                assertThat(
                        browser.findElements(
                            By.cssSelector("label[for='" + control.getDomAttribute("id") + "']")))
                    .as("label of #%s", control.getDomAttribute("id"))
                    .hasSize(1));
    assertThat(element("problem").getDomAttribute("aria-live")).isEqualTo("assertive");
    assertNoConsoleErrors();
  }

  @Test
  void aTextWithMarkupIsTranslatedWithProgressAndShownAsText() {
    IssuedApiKey key = newKey();
    openPage();
    useKey(key.secret());
    String markup = "<script>alert(1)</script> Hallo <img src=x onerror=alert(2)>";
    String translatedMarkup = "<script>alert(1)</script> Hello <img src=x onerror=alert(2)>";

    element("text").sendKeys("Guten Morgen.\n\n" + markup);
    element("submit-text").click();
    String jobId = textOnceShown("job-id");

    assertThat(browser.switchTo().activeElement().getDomAttribute("id"))
        .as("focus moves to the job below the forms")
        .isEqualTo("job-heading");
    assertThat(
            jdbc.sql("SELECT source_text FROM segments WHERE job_id = ? ORDER BY idx")
                .params(jobId)
                .query(String.class)
                .list())
        .as("one text per paragraph, each one sentence")
        .containsExactly("Guten Morgen.", markup);
    assertThat(element("progress-text").getText()).isEqualTo("0 % (0 of 2 sentences)");

    translateSegment(jobId, 0, "Good morning.", "test:1");
    waitFor("progress at 50 %", page -> element("progress").getDomProperty("value").equals("50"));
    assertThat(element("progress-text").getText()).isEqualTo("50 % (1 of 2 sentences)");

    translateSegment(jobId, 1, translatedMarkup, "test:1");
    waitFor("progress at 100 %", page -> element("progress").getDomProperty("value").equals("100"));
    assertThat(element("progress-text").getText()).isEqualTo("100 % (2 of 2 sentences)");
    waitFor(
        "two translations shown",
        page -> texts(By.cssSelector("#translations .translation")).size() == 2);

    assertThat(element("job-status").getText()).isEqualTo("Succeeded");
    assertThat(texts(By.cssSelector("#translations .translation")))
        .containsExactly("Good morning.", translatedMarkup);
    assertThat(browser.findElements(By.cssSelector("#result script, #result img")))
        .as("markup in a translation is text, never elements")
        .isEmpty();
    assertThatThrownBy(() -> browser.switchTo().alert())
        .isInstanceOf(NoAlertPresentException.class);
    assertNoConsoleErrors();
  }

  @Test
  void theWholeBoxIsOneTextWithItsLineBreaksWhenChosen() {
    IssuedApiKey key = newKey();
    openPage();
    useKey(key.secret());
    Map<String, String> english =
        Map.of(
            "Erste Zeile.", "First line.",
            "Zweite Zeile.", "Second line.",
            "Neuer Absatz.", "New paragraph.");

    element("split-whole").click();
    element("text").sendKeys("Erste Zeile.\nZweite Zeile.\n\nNeuer Absatz.");
    element("submit-text").click();
    String jobId = textOnceShown("job-id");

    assertThat(client(key).get("/v1/jobs/" + jobId).json().path("counts").path("texts").asInt())
        .isEqualTo(1);
    translateAll(jobId, english);
    waitFor(
        "the translation", page -> texts(By.cssSelector("#translations .translation")).size() == 1);

    assertThat(texts(By.cssSelector("#translations .translation")))
        .containsExactly("First line.\nSecond line.\n\nNew paragraph.");
  }

  @Test
  void aRefusedKeyShowsTheApisProblemDetailWordForWord() {
    String wrongKey = "tk_not-a-key-of-this-server";
    String detail = new TestClient(port, wrongKey).get("/v1/jobs").detail();
    assertThat(detail).isNotBlank();
    openPage();

    element("api-key").sendKeys(wrongKey + Keys.ENTER);

    assertThat(textOnceShown("problem")).isEqualTo(detail);
    assertThat(element("key-form").isDisplayed()).as("a refused key is not kept").isTrue();
    assertThat(element("key-set").isDisplayed()).isFalse();
  }

  @Test
  void aFileTheApiRefusesShowsItsProblemDetailWordForWord(@TempDir Path files) throws Exception {
    IssuedApiKey key = newKey();
    Path file = Files.write(files.resolve("data.bin"), new byte[] {0, 1, 2, 3, (byte) 0xFF});
    openPage();
    useKey(key.secret());

    element("file").sendKeys(file.toString());
    element("submit-file").click();

    assertThat(textOnceShown("problem"))
        .isEqualTo(uploadDetail(key, file))
        .startsWith("the file is binary data of an unknown kind");
    assertThat(element("job-section").isDisplayed()).isFalse();
    assertThat(jobsOf(key)).isZero();
  }

  @Test
  void recentJobsListTheKeysJobsNewestFirstAndOpenOne() {
    IssuedApiKey key = newKey();
    TestClient api = client(key);
    String older = api.submit(List.of("Eins.")).json().path("id").asString();
    translateSegment(older, 0, "One.", "test:1");
    String newer = api.submit(List.of("Zwei.", "Drei.")).json().path("id").asString();
    newClient().submit(List.of("Ein anderer Schlüssel."));
    openPage();

    useKey(key.secret());
    waitFor(
        "two rows of recent jobs",
        page -> browser.findElements(By.cssSelector("#jobs tr")).size() == 2);

    List<WebElement> rows = browser.findElements(By.cssSelector("#jobs tr"));
    assertThat(rows)
        .extracting(row -> row.getDomAttribute("data-job-id"))
        .containsExactly(newer, older);
    assertThat(texts(By.cssSelector("#jobs td.status"))).containsExactly("Queued", "Succeeded");
    assertThat(texts(By.cssSelector("#jobs td.what"))).containsExactly("2 texts", "1 text");
    assertThat(texts(By.cssSelector("#jobs td.done"))).containsExactly("0 of 2", "1 of 1");

    rows.get(1).findElement(By.tagName("button")).click();
    waitFor(
        "the opened job's translation",
        page -> texts(By.cssSelector("#translations .translation")).equals(List.of("One.")));
    assertThat(element("job-id").getText()).isEqualTo(older);
    assertThat(element("progress-text").getText()).isEqualTo("100 % (1 of 1 sentences)");
  }

  @Test
  void theKeyIsKeptForTheTabUntilForgotten() {
    IssuedApiKey key = newKey();
    openPage();
    useKey(key.secret());

    browser.navigate().refresh();
    waitFor("the key kept after a reload", page -> element("key-set").isDisplayed());
    assertThat(element("key-shown").getText())
        .startsWith("tk_")
        .endsWith(key.secret().substring(key.secret().length() - 4))
        .doesNotContain(key.secret().substring(3, key.secret().length() - 4));
    waitFor(
        "the empty list of jobs",
        page -> element("jobs-empty").getText().equals("You have no jobs yet."));

    element("forget-key").click();
    assertThat(element("key-form").isDisplayed()).isTrue();
    browser.navigate().refresh();
    waitFor("the key form after forgetting", page -> element("key-form").isDisplayed());
    assertThat(element("key-set").isDisplayed()).isFalse();
    assertThat(element("jobs-empty").getText()).isEqualTo("Enter your API key to see your jobs.");
  }

  @Test
  void aPlainTextFileIsTranslatedAndDownloadedUnderTheServersFileName(@TempDir Path files)
      throws Exception {
    IssuedApiKey key = newKey();
    Path file =
        Files.writeString(files.resolve("brief.txt"), "Guten Morgen.\n\nWie geht es dir?\n");
    openPage();
    useKey(key.secret());

    element("file").sendKeys(file.toString());
    element("submit-file").click();
    String jobId = textOnceShown("job-id");
    translateAll(
        jobId, Map.of("Guten Morgen.", "Good morning.", "Wie geht es dir?", "How are you?"));
    waitFor("the download button", page -> element("download").isDisplayed());
    element("download").click();

    assertThat(Files.readString(downloaded("brief.en.txt")))
        .isEqualTo("Good morning.\n\nHow are you?\n");
    assertThat(texts(By.cssSelector("#jobs td.what"))).containsExactly("brief.txt");
    assertNoConsoleErrors();
  }

  @Test
  void aDocxFileIsTranslatedAndDownloadedUnderTheServersFileName(@TempDir Path files)
      throws Exception {
    IssuedApiKey key = newKey();
    Path file = files.resolve("bericht.docx");
    try (XWPFDocument document = new XWPFDocument();
        OutputStream out = Files.newOutputStream(file)) {
      document.createParagraph().createRun().setText("Guten Morgen.");
      document.createParagraph().createRun().setText("Wie geht es dir?");
      document.write(out);
    }
    openPage();
    useKey(key.secret());

    element("file").sendKeys(file.toString());
    element("submit-file").click();
    String jobId = textOnceShown("job-id");
    translateAll(
        jobId, Map.of("Guten Morgen.", "Good morning.", "Wie geht es dir?", "How are you?"));
    waitFor("the download button", page -> element("download").isDisplayed());
    element("download").click();

    try (InputStream in = Files.newInputStream(downloaded("bericht.en.docx"));
        XWPFDocument translated = new XWPFDocument(in)) {
      assertThat(translated.getParagraphs())
          .extracting(XWPFParagraph::getText)
          .containsExactly("Good morning.", "How are you?");
    }
    assertNoConsoleErrors();
  }

  /** Waits for a download to finish (Chromium writes NAME.crdownload until it has). */
  private Path downloaded(String name) {
    return page.downloaded(name);
  }

  /** Plays the worker for every segment of the job, translating with the given sentences. */
  private void translateAll(String jobId, Map<String, String> translations) {
    jdbc.sql("SELECT idx, source_text FROM segments WHERE job_id = ? ORDER BY idx")
        .params(jobId)
        .query((row, n) -> Map.entry(row.getInt(1), row.getString(2)))
        .list()
        .forEach(
            segment ->
                translateSegment(
                    jobId,
                    segment.getKey(),
                    Objects.requireNonNull(
                        translations.get(segment.getValue()), "no translation of " + segment),
                    "test:1"));
  }

  /** The API's problem detail for the file, uploaded as the page does. */
  private String uploadDetail(IssuedApiKey key, Path file) throws Exception {
    String boundary = "boundary-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (String field : List.of("source", "target")) {
      body.writeBytes(
          ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                  .formatted(boundary, field, field.equals("source") ? "de" : "en"))
              .getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(
        ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .formatted(boundary, file.getFileName())
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(Files.readAllBytes(file));
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/documents"))
                    .header("Authorization", "Bearer " + key.secret())
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(415);
    return TestClient.JSON.readTree(response.body()).path("detail").asString();
  }

  private void openPage() {
    page.openPage();
  }

  private void useKey(String secret) {
    page.useKey(secret);
  }

  private WebElement element(String id) {
    return page.element(id);
  }

  private List<String> texts(By selector) {
    return page.texts(selector);
  }

  /** Waits for a condition; a timeout says what was awaited and what the browser's console said. */
  private <T> T waitFor(String what, Function<WebDriver, T> condition) {
    return page.waitFor(what, condition);
  }

  /** The element's text once it has one. */
  private String textOnceShown(String id) {
    return page.textOnceShown(id);
  }

  private void assertNoConsoleErrors() {
    page.assertNoConsoleErrors();
  }

  /** What the page logged since the last call (reading the log empties it). */
  private List<LogEntry> console() {
    return page.console();
  }
}
