package dev.translation.launcher.web;

import dev.translation.launcher.launch.BatchExecutor;
import dev.translation.launcher.launch.BatchNotFoundException;
import dev.translation.launcher.launch.CancelBatch;
import dev.translation.launcher.launch.LaunchBatch;
import dev.translation.launcher.launch.LaunchRequest;
import dev.translation.launcher.launch.LaunchedBatch;
import dev.translation.launcher.launch.ReadBatches;
import dev.translation.launcher.persistence.StoredBatch;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The launcher's API: launch, list, show and cancel corpus batches, and read a shard's log. */
@RestController
@RequestMapping("/v1/batches")
@Profile("!batch-runner")
class BatchController {

  private static final int MAX_LOG_LINES = 10_000;

  private final LaunchBatch launches;
  private final ReadBatches reads;
  private final CancelBatch cancels;
  private final BatchExecutor executor;

  BatchController(
      LaunchBatch launches, ReadBatches reads, CancelBatch cancels, BatchExecutor executor) {
    this.launches = launches;
    this.reads = reads;
    this.cancels = cancels;
    this.executor = executor;
  }

  /** A page of batches and the cursor of the next page. */
  record BatchList(List<BatchResponse> batches, String nextCursor) {}

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<BatchResponse> launch(
      @RequestBody LaunchRequest request, HttpServletRequest http) {
    long key = key(http);
    LaunchedBatch launched = launches.launch(key, request);
    return ResponseEntity.created(URI.create("/v1/batches/" + launched.id()))
        .body(BatchResponse.of(reads.show(key, launched.id())));
  }

  @GetMapping
  BatchList list(
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor,
      HttpServletRequest http) {
    Instant after = null;
    String afterId = null;
    if (cursor != null && !cursor.isBlank()) {
      String[] parts = decode(cursor).split(" ", 2);
      after = Instant.parse(parts[0]);
      afterId = parts[1];
    }
    ReadBatches.Page page = reads.list(key(http), after, afterId, limit);
    return new BatchList(
        page.batches().stream().map(BatchResponse::of).toList(),
        page.more() ? encode(page.last()) : null);
  }

  @GetMapping("/{id}")
  BatchResponse show(@PathVariable String id, HttpServletRequest http) {
    return BatchResponse.of(reads.show(key(http), id));
  }

  @DeleteMapping("/{id}")
  BatchResponse cancel(@PathVariable String id, HttpServletRequest http) {
    return BatchResponse.of(cancels.cancel(key(http), id));
  }

  @GetMapping(value = "/{id}/shards/{shard}/log", produces = MediaType.TEXT_PLAIN_VALUE)
  String log(
      @PathVariable String id,
      @PathVariable int shard,
      @RequestParam(defaultValue = "100") int lines,
      HttpServletRequest http) {
    reads.show(key(http), id);
    return executor
        .log(id, shard, Math.clamp(lines, 1, MAX_LOG_LINES))
        .orElseThrow(() -> new BatchNotFoundException(id + " shard " + shard + " log"));
  }

  private static long key(HttpServletRequest http) {
    return (Long) http.getAttribute(ApiKeyInterceptor.API_KEY_ID);
  }

  private static String encode(StoredBatch last) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((last.createdAt() + " " + last.id()).getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!text.contains(" ")) {
        throw new IllegalArgumentException();
      }
      Instant.parse(text.substring(0, text.indexOf(' ')));
      return text;
    } catch (RuntimeException e) {
      throw new dev.translation.launcher.launch.InvalidLaunchException(
          "cursor is not one this API gave out");
    }
  }
}
