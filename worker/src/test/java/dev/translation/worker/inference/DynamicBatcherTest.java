package dev.translation.worker.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.translation.engine.InvalidInputException;
import dev.translation.engine.inference.Translation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DynamicBatcherTest {

  private final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService callers = Executors.newFixedThreadPool(8);
  private DynamicBatcher batcher;

  @AfterEach
  void close() {
    callers.shutdownNow();
    if (batcher != null) {
      batcher.close();
    }
  }

  /** Upper-cases, records each call, and holds the first call until {@code release} opens. */
  private Function<List<String>, List<Translation>> model(CountDownLatch release) {
    return texts -> {
      calls.add(List.copyOf(texts));
      if (calls.size() == 1) {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (texts.contains("bad")) {
        throw new InvalidInputException("bad input");
      }
      return texts.stream().map(t -> new Translation(t.toUpperCase(), "m:1", 1, 1)).toList();
    };
  }

  @Test
  void callersThatArriveWhileTheModelIsBusyShareTheNextCall() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    batcher = new DynamicBatcher(model(release), 1, 64, Duration.ZERO);
    Future<List<Translation>> first = callers.submit(() -> batcher.translate(List.of("a")));
    awaitCalls(1);
    List<Future<List<Translation>>> waiting = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String text = "t" + i;
      waiting.add(callers.submit(() -> batcher.translate(List.of(text, text + "x"))));
    }
    awaitQueued(6);

    release.countDown();

    assertThat(first.get(5, TimeUnit.SECONDS)).extracting(Translation::text).containsExactly("A");
    for (int i = 0; i < 6; i++) {
      assertThat(waiting.get(i).get(5, TimeUnit.SECONDS))
          .extracting(Translation::text)
          .containsExactly("T" + i, "T" + i + "X");
    }
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1)).hasSize(12);
  }

  @Test
  void aCallNeverExceedsTheMaximumAndACallersTextsStayTogether() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    batcher = new DynamicBatcher(model(release), 1, 5, Duration.ZERO);
    callers.submit(() -> batcher.translate(List.of("a")));
    awaitCalls(1);
    List<Future<List<Translation>>> waiting = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      waiting.add(callers.submit(() -> batcher.translate(List.of("x", "y"))));
    }
    awaitQueued(4);

    release.countDown();
    for (Future<List<Translation>> result : waiting) {
      assertThat(result.get(5, TimeUnit.SECONDS)).hasSize(2);
    }

    assertThat(calls.subList(1, calls.size()))
        .allSatisfy(call -> assertThat(call.size()).isLessThanOrEqualTo(5).isEven());
    assertThat(calls.stream().mapToInt(List::size).sum()).isEqualTo(9);
  }

  @Test
  void aRefusedCallerFailsAloneWhenItsTextsWereMergedWithOthers() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    batcher = new DynamicBatcher(model(release), 1, 64, Duration.ZERO);
    callers.submit(() -> batcher.translate(List.of("a")));
    awaitCalls(1);
    Future<List<Translation>> good = callers.submit(() -> batcher.translate(List.of("ok")));
    Future<List<Translation>> bad = callers.submit(() -> batcher.translate(List.of("bad")));
    awaitQueued(2);

    release.countDown();

    assertThat(good.get(5, TimeUnit.SECONDS)).extracting(Translation::text).containsExactly("OK");
    assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(InvalidInputException.class);
  }

  @Test
  void lingerGathersCallersThatArriveShortlyAfterAnIdleModelTookTheFirst() throws Exception {
    batcher = new DynamicBatcher(model(new CountDownLatch(0)), 1, 64, Duration.ofMillis(500));
    Future<List<Translation>> first = callers.submit(() -> batcher.translate(List.of("a")));
    Thread.sleep(50);
    Future<List<Translation>> second = callers.submit(() -> batcher.translate(List.of("b")));

    assertThat(first.get(5, TimeUnit.SECONDS)).hasSize(1);
    assertThat(second.get(5, TimeUnit.SECONDS)).hasSize(1);
    assertThat(calls).containsExactly(List.of("a", "b"));
  }

  @Test
  void aLoneCallerDoesNotWaitForCompanyWhileAnotherModelThreadIsIdle() throws Exception {
    batcher = new DynamicBatcher(model(new CountDownLatch(0)), 2, 64, Duration.ofSeconds(5));

    long start = System.nanoTime();
    assertThat(callers.submit(() -> batcher.translate(List.of("a"))).get(10, TimeUnit.SECONDS))
        .hasSize(1);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  private void awaitQueued(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (batcher.queued() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(batcher.queued()).isEqualTo(count);
  }

  private void awaitCalls(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (calls.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(calls).hasSizeGreaterThanOrEqualTo(count);
  }
}
