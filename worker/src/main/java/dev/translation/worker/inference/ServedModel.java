package dev.translation.worker.inference;

import dev.translation.engine.bundle.ModelManifest;
import dev.translation.engine.inference.Translation;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded model version with its model calls. Callers hold it through a {@link
 * ServingModels.Lease}; once it is no longer served, it is closed (its engine unloaded) when the
 * last caller that still uses it is done, so a swap never fails or drops work in flight.
 */
public final class ServedModel {

  private static final Logger log = LoggerFactory.getLogger(ServedModel.class);

  private final ModelManifest manifest;
  private final DynamicBatcher calls;
  private final AutoCloseable engine;
  private final AtomicInteger users = new AtomicInteger();
  private volatile boolean retired;
  private boolean closed;

  /**
   * @param manifest the version's manifest
   * @param calls its model calls
   * @param engine what to close after the calls when the version is unloaded
   */
  public ServedModel(ModelManifest manifest, DynamicBatcher calls, AutoCloseable engine) {
    this.manifest = Objects.requireNonNull(manifest, "manifest");
    this.calls = Objects.requireNonNull(calls, "calls");
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** The version, as segments record it ({@code name@version}). */
  public String id() {
    return manifest.id();
  }

  public ModelManifest manifest() {
    return manifest;
  }

  /** Translates in a model call shared with other callers of this version. */
  public List<Translation> translate(List<String> texts) {
    return calls.translate(texts);
  }

  void use() {
    users.incrementAndGet();
  }

  void release() {
    if (users.decrementAndGet() == 0 && retired) {
      closeOnce();
    }
  }

  /** No longer served: unloads now if nobody uses it, else when its last user is done. */
  void retire() {
    retired = true;
    if (users.get() == 0) {
      closeOnce();
    }
  }

  /** Unloads a version that was loaded but never served (its rollout could not be completed). */
  public void unload() {
    retire();
  }

  private synchronized void closeOnce() {
    if (closed || users.get() > 0) {
      return;
    }
    closed = true;
    calls.close();
    try {
      engine.close();
      log.info("Unloaded model {}", id());
    } catch (Exception e) {
      log.warn("Unloading model {} failed", id(), e);
    }
  }

  boolean isClosed() {
    return closed;
  }
}
