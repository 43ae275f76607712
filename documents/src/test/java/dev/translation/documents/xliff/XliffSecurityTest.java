package dev.translation.documents.xliff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.translation.documents.DocumentLimits;
import dev.translation.documents.InvalidDocumentException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile XML: whatever a DTD could make a parser do must not happen, and fast. */
class XliffSecurityTest {

  private static final String SECRET = "geheimes-passwort-4711";

  private final XliffHandler handler = new XliffHandler(DocumentLimits.DEFAULTS);

  @TempDir Path directory;

  @Test
  void anExternalEntityNamingALocalFileIsRefusedWithoutReadingIt() throws IOException {
    Path secret = Files.writeString(directory.resolve("secret.txt"), SECRET);
    byte[] file =
        xliff(
            "<!DOCTYPE xliff [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>",
            "<source>&xxe;</source>");

    assertRefusedQuickly(file);
    assertThatThrownBy(() -> handler.texts(file)).hasMessageNotContaining(SECRET);
  }

  @Test
  void externalEntitiesAndDtdsOnTheNetworkAreNeverFetched() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + server.getLocalPort();
      byte[] entity =
          xliff(
              "<!DOCTYPE xliff [<!ENTITY xxe SYSTEM \"" + url + "/entity\">]>",
              "<source>&xxe;</source>");
      byte[] parameterEntity =
          xliff(
              "<!DOCTYPE xliff [<!ENTITY % remote SYSTEM \"" + url + "/p.dtd\"> %remote;]>",
              "<source>Hallo</source>");
      byte[] externalDtd =
          xliff("<!DOCTYPE xliff SYSTEM \"" + url + "/xliff.dtd\">", "<source>Hallo</source>");

      assertRefusedQuickly(entity);
      assertRefusedQuickly(parameterEntity);
      assertRefusedQuickly(externalDtd);
      server.setSoTimeout(200);
      assertThatThrownBy(server::accept)
          .as("nothing connected to the entity's server")
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void billionLaughsIsRefusedBeforeAnyEntityIsExpanded() {
    StringBuilder entities = new StringBuilder("<!ENTITY lol \"lol\">");
    for (int i = 1; i <= 9; i++) {
      String previous = i == 1 ? "&lol;" : "&lol" + (i - 1) + ";";
      entities
          .append("<!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(previous.repeat(10))
          .append("\">");
    }
    byte[] file = xliff("<!DOCTYPE xliff [" + entities + "]>", "<source>&lol9;</source>");

    assertRefusedQuickly(file);
  }

  @Test
  void anyDocumentTypeDeclarationIsRefused() {
    byte[] file = xliff("<!DOCTYPE xliff>", "<source>Hallo</source>");

    assertThatThrownBy(() -> handler.texts(file))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessage("the file declares a document type (DTD), which is not accepted in XLIFF");
  }

  @Test
  void anUndeclaredEntityIsMalformedXml() {
    byte[] file = xliff("", "<source>&nbsp;Hallo</source>");

    assertThatThrownBy(() -> handler.texts(file))
        .isInstanceOf(InvalidDocumentException.class)
        .hasMessageStartingWith("the file is not well-formed XML");
  }

  @Test
  void anXIncludeIsKeptAsAnElementAndNeverResolved() throws IOException {
    Path secret = Files.writeString(directory.resolve("included.txt"), SECRET);
    byte[] file =
        xliff(
            "",
            "<source>Hallo <x id=\"1\"/></source><xi:include"
                + " xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                + secret.toUri()
                + "\" parse=\"text\"/>");

    byte[] translated =
        handler.translate(
            file,
            java.util.List.of(new dev.translation.documents.TextTranslation("Hi <x1/>", true)));

    assertThat(new String(translated, StandardCharsets.UTF_8))
        .contains("xi:include")
        .doesNotContain(SECRET);
  }

  private void assertRefusedQuickly(byte[] file) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () ->
            assertThatThrownBy(() -> handler.texts(file))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("DTD"));
  }

  private static byte[] xliff(String doctype, String unitContent) {
    return ("<?xml version=\"1.0\"?>"
            + doctype
            + "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
            + "<file source-language=\"de\" original=\"x\" datatype=\"plaintext\"><body>"
            + "<trans-unit id=\"a\">"
            + unitContent
            + "</trans-unit></body></file></xliff>")
        .getBytes(StandardCharsets.UTF_8);
  }
}
