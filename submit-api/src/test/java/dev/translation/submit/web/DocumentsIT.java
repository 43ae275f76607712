package dev.translation.submit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.translation.submit.ApiIntegrationTest;
import dev.translation.submit.jobs.PurgeExpiredJobs;
import dev.translation.submit.security.IssuedApiKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Documents through the API: upload, the job's life as the worker plays it, download. */
class DocumentsIT extends ApiIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired private PurgeExpiredJobs purge;

  @Test
  void aTextFileIsTranslatedAndDownloadedWithItsParagraphs() {
    IssuedApiKey key = newKey();
    String file = "Ich habe Hunger. Wo ist der Bahnhof?\n\nGuten Morgen.\n";

    ResponseEntity<String> accepted =
        upload(key, "notiz.txt", file.getBytes(StandardCharsets.UTF_8));

    assertThat(accepted.getStatusCode().value()).isEqualTo(202);
    JsonNode job = JSON.readTree(accepted.getBody());
    String id = job.get("id").asString();
    assertThat(accepted.getHeaders().getLocation()).hasToString("/v1/jobs/" + id);
    assertThat(job.get("counts").get("texts").asInt()).isEqualTo(2);
    assertThat(job.get("counts").get("total").asInt()).isEqualTo(3);
    assertThat(job.get("document").get("name").asString()).isEqualTo("notiz.txt");
    assertThat(job.get("document").get("format").asString()).isEqualTo("text");
    assertThat(job.get("document").get("sizeBytes").asLong()).isEqualTo(file.length());
    assertThat(job.get("links").get("document").asString())
        .isEqualTo("/v1/jobs/" + id + "/document");
    assertThat(client(key).get("/v1/jobs/" + id).json().get("document").get("format").asString())
        .isEqualTo("text");

    ResponseEntity<String> early = download(key, id);
    assertThat(early.getStatusCode().value()).isEqualTo(409);
    assertThat(early.getBody()).contains("has not finished");

    translateSegment(id, 0, "I am hungry.", "test@1");
    translateSegment(id, 1, "Where is the station?", "test@1");
    translateSegment(id, 2, "Good morning.", "test@1");

    ResponseEntity<byte[]> done = downloadBytes(key, id);
    assertThat(done.getStatusCode().value()).isEqualTo(200);
    assertThat(done.getHeaders().getContentType().toString()).startsWith("text/plain");
    assertThat(done.getHeaders().getContentDisposition().getFilename()).isEqualTo("notiz.en.txt");
    assertThat(done.getHeaders().getFirst(DocumentController.INCOMPLETE_TEXTS)).isEqualTo("0");
    assertThat(new String(done.getBody(), StandardCharsets.UTF_8))
        .isEqualTo("I am hungry. Where is the station?\n\nGood morning.\n");
  }

  @Test
  void aPartlyFailedJobStillDownloadsWithTheFailedSentenceInGerman() {
    IssuedApiKey key = newKey();
    String id =
        id(upload(key, "a.txt", "Ich habe Hunger.\n\nKaputt.\n".getBytes(StandardCharsets.UTF_8)));

    translateSegment(id, 0, "I am hungry.", "test@1");
    failSegment(id, 1, "refused");

    ResponseEntity<byte[]> done = downloadBytes(key, id);
    assertThat(done.getHeaders().getFirst(DocumentController.INCOMPLETE_TEXTS)).isEqualTo("1");
    assertThat(new String(done.getBody(), StandardCharsets.UTF_8))
        .isEqualTo("I am hungry.\n\nKaputt.\n");
  }

  @Test
  void aFileWithNothingToTranslateIsAJobThatHasSucceededAndDownloadsUnchanged() {
    IssuedApiKey key = newKey();
    byte[] blank = "\n\n   \n".getBytes(StandardCharsets.UTF_8);

    ResponseEntity<String> accepted = upload(key, "leer.txt", blank);

    assertThat(JSON.readTree(accepted.getBody()).get("status").asString()).isEqualTo("succeeded");
    assertThat(downloadBytes(key, id(accepted)).getBody()).isEqualTo(blank);
  }

  @Test
  void unsupportedEmptyOrMismatchedFilesAreRefusedAndCreateNoJob() {
    IssuedApiKey key = newKey();

    ResponseEntity<String> zip = upload(key, "a.zip", new byte[] {'P', 'K', 3, 4, 0, 0});
    ResponseEntity<String> empty = upload(key, "a.txt", new byte[0]);
    ResponseEntity<String> mismatch =
        upload(key, "a.docx", "<html><body>Hallo</body></html>".getBytes(StandardCharsets.UTF_8));

    assertThat(zip.getStatusCode().value()).isIn(415, 422);
    assertThat(empty.getStatusCode().value()).isEqualTo(422);
    assertThat(empty.getBody()).contains("the file is empty");
    assertThat(mismatch.getStatusCode().value()).isEqualTo(415);
    assertThat(mismatch.getBody())
        .contains("named .docx but its content is html")
        .contains("supportedFormats");
    assertThat(jobsOf(key)).isZero();
  }

  @Test
  void aTextJobHasNoDocumentToDownload() {
    IssuedApiKey key = newKey();
    String id = client(key).submit(List.of("Hallo.")).json().get("id").asString();

    ResponseEntity<String> download = download(key, id);

    assertThat(download.getStatusCode().value()).isEqualTo(404);
    assertThat(download.getBody()).contains("submitted as texts");
  }

  @Test
  void anotherKeysDocumentIsNotFound() {
    String id = id(upload(newKey(), "a.txt", "Hallo.".getBytes(StandardCharsets.UTF_8)));

    assertThat(download(newKey(), id).getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void anUploadWithoutAKeyIsRefusedAndOneOverTheLimitIsTooLarge() {
    ResponseEntity<String> anonymous =
        RestClient.builder()
            .baseUrl("http://localhost:" + port)
            .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
            .build()
            .post()
            .uri("/v1/documents")
            .contentType(MediaType.MULTIPART_FORM_DATA)
            .body(form("a.txt", "Hallo.".getBytes(StandardCharsets.UTF_8)))
            .retrieve()
            .toEntity(String.class);
    IssuedApiKey key = newKey();
    ResponseEntity<String> tooLarge = upload(key, "big.txt", new byte[21 * 1024 * 1024]);

    assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
    assertThat(tooLarge.getStatusCode().value()).isEqualTo(413);
    assertThat(jobsOf(key)).isZero();
  }

  @Test
  void aRetriedUploadWithTheSameIdempotencyKeyIsTheSameJobAndAnotherFileIsRefused() {
    IssuedApiKey key = newKey();
    byte[] file = "Guten Morgen.".getBytes(StandardCharsets.UTF_8);

    ResponseEntity<String> first = upload(key, "a.txt", file, null, "retry-1");
    ResponseEntity<String> retry = upload(key, "a.txt", file, null, "retry-1");
    ResponseEntity<String> other =
        upload(key, "a.txt", "Gute Nacht.".getBytes(StandardCharsets.UTF_8), null, "retry-1");

    assertThat(id(retry)).isEqualTo(id(first));
    assertThat(retry.getHeaders().getFirst(TranslationController.IDEMPOTENT_REPLAYED))
        .isEqualTo("true");
    assertThat(other.getStatusCode().value()).isEqualTo(422);
    assertThat(jobsOf(key)).isEqualTo(1);
  }

  @Test
  void jobsAndTheirFilesAreDeletedAfterTheRetention() {
    IssuedApiKey key = newKey();
    String old = id(upload(key, "alt.txt", "Alt.".getBytes(StandardCharsets.UTF_8)));
    String recent = id(upload(key, "neu.txt", "Neu.".getBytes(StandardCharsets.UTF_8)));
    jdbc.sql("UPDATE jobs SET created_at = created_at - INTERVAL 8 DAY WHERE id = ?")
        .params(old)
        .update();

    assertThat(purge.purge()).isGreaterThanOrEqualTo(1);

    assertThat(download(key, old).getStatusCode().value()).isEqualTo(404);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM job_documents WHERE job_id = ?")
                .params(old)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(client(key).get("/v1/jobs/" + recent).status()).isEqualTo(200);
  }

  @Test
  void aFileOfSeveralMegabytesIsStoredInChunksAndComesBackWhole() {
    IssuedApiKey key = newKey();
    String code = "x = 1\n".repeat(450_000);
    byte[] file = ("```\n" + code + "```\n\nHallo.\n").getBytes(StandardCharsets.UTF_8);
    String id = id(upload(key, "gross.md", file));

    translateSegment(id, 0, "Hello.", "test@1");

    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM job_document_chunks WHERE job_id = ?")
                .params(id)
                .query(Long.class)
                .single())
        .isEqualTo(3);
    assertThat(new String(downloadBytes(key, id).getBody(), StandardCharsets.UTF_8))
        .isEqualTo("```\n" + code + "```\n\nHello.\n");
  }

  @Test
  void aPdfsTextComesBackAsPlainTextOnRequestAndOtherOutputsAreRefused() throws Exception {
    IssuedApiKey key = newKey();
    ResponseEntity<String> accepted = upload(key, "scan.pdf", pdf("Ich habe Hunger."), "txt");
    String id = id(accepted);
    assertThat(JSON.readTree(accepted.getBody()).get("document").get("downloadFormat").asString())
        .isEqualTo("text");

    translateSegment(id, 0, "I am hungry.", "test@1");

    ResponseEntity<byte[]> done = downloadBytes(key, id);
    assertThat(done.getHeaders().getContentDisposition().getFilename()).isEqualTo("scan.en.txt");
    assertThat(new String(done.getBody(), StandardCharsets.UTF_8)).contains("I am hungry.");
    ResponseEntity<String> refused =
        upload(key, "a.txt", "Hallo.".getBytes(StandardCharsets.UTF_8), "xlsx");
    assertThat(refused.getStatusCode().value()).isEqualTo(415);
    assertThat(refused.getBody()).contains("can be returned as text, not as xlsx");
  }

  private static byte[] pdf(String text) throws Exception {
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage();
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        content.newLineAtOffset(72, 700);
        content.showText(text);
        content.endText();
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      document.save(bytes);
      return bytes.toByteArray();
    }
  }

  private RestClient http(IssuedApiKey key) {
    return RestClient.builder()
        .baseUrl("http://localhost:" + port)
        .defaultHeader("Authorization", "Bearer " + key.secret())
        .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {})
        .build();
  }

  private ResponseEntity<String> upload(IssuedApiKey key, String name, byte[] content) {
    return upload(key, name, content, null);
  }

  private ResponseEntity<String> upload(
      IssuedApiKey key, String name, byte[] content, String output) {
    return upload(key, name, content, output, null);
  }

  private ResponseEntity<String> upload(
      IssuedApiKey key, String name, byte[] content, String output, String idempotencyKey) {
    MultiValueMap<String, Object> form = form(name, content);
    if (output != null) {
      form.add("output", output);
    }
    return http(key)
        .post()
        .uri("/v1/documents")
        .headers(
            headers -> {
              if (idempotencyKey != null) {
                headers.set(TranslationController.IDEMPOTENCY_KEY, idempotencyKey);
              }
            })
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(form)
        .retrieve()
        .toEntity(String.class);
  }

  private static MultiValueMap<String, Object> form(String name, byte[] content) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add(
        "file",
        new ByteArrayResource(content) {
          @Override
          public String getFilename() {
            return name;
          }
        });
    form.add("source", "de");
    form.add("target", "en");
    return form;
  }

  private ResponseEntity<String> download(IssuedApiKey key, String id) {
    return http(key).get().uri("/v1/jobs/{id}/document", id).retrieve().toEntity(String.class);
  }

  private ResponseEntity<byte[]> downloadBytes(IssuedApiKey key, String id) {
    return http(key).get().uri("/v1/jobs/{id}/document", id).retrieve().toEntity(byte[].class);
  }

  private static String id(ResponseEntity<String> accepted) {
    return JSON.readTree(accepted.getBody()).get("id").asString();
  }
}
