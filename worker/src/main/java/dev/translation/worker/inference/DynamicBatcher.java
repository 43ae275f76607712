package dev.translation.worker.inference;

import dev.translation.engine.InvalidInputException;
import dev.translation.engine.ModelUnavailableException;
import dev.translation.engine.inference.Translation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the texts of concurrent callers (the lane's consumer threads, each holding the records of
 * different partitions, so different users' requests) into shared model calls, the way serving
 * systems batch dynamically: each model thread takes what is queued and, when every other model
 * thread is busy, waits at most {@code linger} for more while the call has room; then it runs one
 * call of at most {@code maxSegments} texts. So while calls run, the next requests gather and go
 * together, a lone request never waits for company while a model thread is free to take the next
 * one, and a consumer thread does its database work while the model threads decode others'.
 *
 * <p>A caller's texts always travel in one call. When the model refuses a merged call because of
 * one caller's input ({@link InvalidInputException}), each caller's texts are tried alone, so only
 * that caller sees the refusal.
 */
public final class DynamicBatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DynamicBatcher.class);

  private final Function<List<String>, List<Translation>> model;
  private final int maxSegments;
  private final long lingerNanos;
  private final BlockingDeque<Request> queue = new LinkedBlockingDeque<>();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger busy = new AtomicInteger();
  private volatile boolean closed;

  /**
   * @param model one model call: translations of the texts, in order
   * @param modelThreads calls that may run at once
   * @param maxSegments most texts in one call (a single caller with more still gets one call)
   * @param linger how long a call that has room waits for more callers
   */
  public DynamicBatcher(
      Function<List<String>, List<Translation>> model,
      int modelThreads,
      int maxSegments,
      Duration linger) {
    this.model = model;
    this.maxSegments = maxSegments;
    this.lingerNanos = linger.toNanos();
    for (int i = 0; i < modelThreads; i++) {
      threads.add(Thread.ofPlatform().name("model-" + i).daemon().start(this::run));
    }
  }

  /**
   * Translates {@code texts} in a model call shared with other callers, waiting for it.
   *
   * @throws InvalidInputException when the model refuses these texts
   * @throws ModelUnavailableException when the model fails or the batcher is closed
   */
  public List<Translation> translate(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    if (closed) {
      throw new ModelUnavailableException("the model is shutting down");
    }
    Request request = new Request(texts, new CompletableFuture<>());
    queue.add(request);
    try {
      return request.result().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new ModelUnavailableException("model call failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelUnavailableException("interrupted while waiting for the model", e);
    }
  }

  private void run() {
    while (!closed) {
      List<Request> batch;
      try {
        batch = gather();
      } catch (InterruptedException e) {
        return;
      }
      busy.incrementAndGet();
      try {
        call(batch);
      } finally {
        busy.decrementAndGet();
      }
    }
  }

  /**
   * The first queued request, then more while there is room: what is queued already, and what
   * arrives within the linger if every other model thread is busy (an idle one would take it at
   * once, so waiting could only add latency).
   */
  private List<Request> gather() throws InterruptedException {
    List<Request> batch = new ArrayList<>();
    Request first = queue.take();
    batch.add(first);
    int size = first.texts().size();
    boolean othersBusy = busy.get() >= threads.size() - 1;
    long deadline = System.nanoTime() + (othersBusy ? lingerNanos : 0);
    while (size < maxSegments) {
      Request next =
          queue.pollFirst(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (next == null) {
        break;
      }
      if (size + next.texts().size() > maxSegments) {
        queue.addFirst(next); // first in line for the next call
        break;
      }
      batch.add(next);
      size += next.texts().size();
    }
    return batch;
  }

  private void call(List<Request> batch) {
    List<String> texts = new ArrayList<>();
    batch.forEach(request -> texts.addAll(request.texts()));
    try {
      List<Translation> translations = model.apply(texts);
      int from = 0;
      for (Request request : batch) {
        int to = from + request.texts().size();
        request.result().complete(List.copyOf(translations.subList(from, to)));
        from = to;
      }
    } catch (InvalidInputException refused) {
      if (batch.size() == 1) {
        batch.getFirst().result().completeExceptionally(refused);
        return;
      }
      log.debug("model refused a merged call of {} callers; calling each alone", batch.size());
      batch.forEach(request -> call(List.of(request)));
    } catch (RuntimeException failure) {
      batch.forEach(request -> request.result().completeExceptionally(failure));
    }
  }

  /** Callers waiting for a model thread to take their texts. */
  int queued() {
    return queue.size();
  }

  /** Stops the model threads; calls in progress finish, callers still queued are refused. */
  @Override
  public void close() {
    closed = true;
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      try {
        thread.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    Request left;
    while ((left = queue.poll()) != null) {
      left.result()
          .completeExceptionally(new ModelUnavailableException("the model is shutting down"));
    }
  }

  private record Request(List<String> texts, CompletableFuture<List<Translation>> result) {}
}
