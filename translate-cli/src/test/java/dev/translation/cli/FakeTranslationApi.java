package dev.translation.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The submit API's endpoints with canned answers, and its jobs and results to answer with. */
final class FakeTranslationApi extends FakeHttpApi {

  private FakeTranslationApi() throws IOException {
    super();
  }

  static FakeTranslationApi start() throws IOException {
    return new FakeTranslationApi();
  }

  /** A translated file as {@code GET /v1/jobs/{id}/document} sends it. */
  static Answer file(String fileName, String content, int incompleteTexts) {
    return new Answer(
        200,
        Map.of(
            "Content-Type",
            "application/octet-stream",
            "Content-Disposition",
            "attachment; filename=\"" + fileName + "\"; filename*=UTF-8''" + fileName,
            "Translation-Incomplete-Texts",
            Integer.toString(incompleteTexts)),
        content.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A job as the API shows it.
   *
   * @param document the uploaded file's name, or null for a text job
   */
  static Map<String, Object> job(
      String id, String status, int texts, int total, int done, int failed, String document) {
    boolean finished = !status.equals("queued") && !status.equals("running");
    int cancelled = status.equals("cancelled") ? total - done - failed : 0;
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("id", id);
    job.put("status", status);
    job.put("lane", "interactive");
    job.put("source", "de");
    job.put("target", "en");
    job.put("model", null);
    job.put(
        "counts",
        Map.of(
            "texts", texts,
            "total", total,
            "done", done,
            "failed", failed,
            "cancelled", cancelled,
            "pending", total - done - failed - cancelled));
    job.put("modelVersions", List.of("de-en-starter/4"));
    job.put("createdAt", "2025-03-01T10:00:00.123456Z");
    job.put("startedAt", done + failed > 0 ? "2025-03-01T10:00:01Z" : null);
    job.put("finishedAt", finished ? "2025-03-01T10:00:02Z" : null);
    if (document != null) {
      String extension = document.substring(document.lastIndexOf('.') + 1);
      job.put(
          "document",
          Map.of(
              "name",
              document,
              "format",
              extension,
              "downloadFormat",
              extension.equals("pdf") ? "docx" : extension,
              "sizeBytes",
              1234));
    }
    job.put("links", Map.of("self", "/v1/jobs/" + id, "result", "/v1/jobs/" + id + "/result"));
    return job;
  }

  /** A job's result: the job plus {@code finished} and one entry per text. */
  static Map<String, Object> result(Map<String, Object> job, List<Map<String, Object>> segments) {
    Map<String, Object> result = new LinkedHashMap<>(job);
    String status = (String) job.get("status");
    result.put("finished", !status.equals("queued") && !status.equals("running"));
    result.put("segments", segments);
    return result;
  }

  static Map<String, Object> done(int index, String translation) {
    Map<String, Object> segment = new LinkedHashMap<>();
    segment.put("index", index);
    segment.put("status", "done");
    segment.put("translation", translation);
    segment.put("error", null);
    segment.put("model", "de-en-starter/4");
    return segment;
  }

  static Map<String, Object> failed(int index, String error) {
    Map<String, Object> segment = new LinkedHashMap<>();
    segment.put("index", index);
    segment.put("status", "failed");
    segment.put("translation", null);
    segment.put("error", error);
    segment.put("model", null);
    return segment;
  }
}
