package dev.translation.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TranslationApiTest {

  @Test
  void theExtendedFileNameWinsAndIsDecoded() {
    assertThat(
            TranslationApi.fileName(
                "attachment; filename=\"=?UTF-8?Q?Bericht_=C3=BC.en.docx?=\";"
                    + " filename*=UTF-8''Bericht%20%C3%BC.en.docx"))
        .isEqualTo("Bericht ü.en.docx");
    assertThat(TranslationApi.fileName("attachment; filename=\"report.en.docx\""))
        .isEqualTo("report.en.docx");
    assertThat(TranslationApi.fileName("attachment; filename=report.en.txt"))
        .isEqualTo("report.en.txt");
    assertThat(TranslationApi.fileName("attachment")).isNull();
  }

  @Test
  void aFileNameNeverLeavesTheChosenFolder() {
    assertThat(TranslationApi.fileName("attachment; filename=\"../../etc/passwd\""))
        .isEqualTo("passwd");
    assertThat(TranslationApi.fileName("attachment; filename*=UTF-8''..%2F..%2Fx.txt"))
        .isEqualTo("x.txt");
    assertThat(TranslationApi.fileName("attachment; filename=\"..\"")).isNull();
    assertThat(TranslationApi.fileName("attachment; filename=\"a\\\\b.txt\"")).isEqualTo("b.txt");
  }

  @Test
  void multipartPartsAreDelimitedAndNamesEscaped() {
    MultipartBody body =
        new MultipartBody()
            .file("file", "say \"hi\".txt", "Grüße".getBytes(StandardCharsets.UTF_8))
            .field("source", "de");
    String boundary = body.contentType().substring(body.contentType().indexOf("boundary=") + 9);

    assertThat(new String(body.toByteArray(), StandardCharsets.UTF_8))
        .isEqualTo(
            "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"say %22hi%22.txt\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\nGrüße\r\n--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"source\""
                + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nde\r\n--"
                + boundary
                + "--\r\n");
  }
}
