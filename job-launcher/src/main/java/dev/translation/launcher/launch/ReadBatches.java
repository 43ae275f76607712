package dev.translation.launcher.launch;

import dev.translation.launcher.config.LauncherProperties;
import dev.translation.launcher.persistence.CorpusBatchRepository;
import dev.translation.launcher.persistence.StoredBatch;
import java.time.Instant;
import java.util.List;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;

/** Shows a key's batches with their live progress. */
@Service
@Profile("!batch-runner")
public class ReadBatches {

  /** A page of batches and where the next page starts (null on the last page). */
  public record Page(List<BatchView> batches, StoredBatch last, boolean more) {}

  private final CorpusBatchRepository batches;
  private final LauncherProperties.Launch settings;

  public ReadBatches(CorpusBatchRepository batches, LauncherProperties properties) {
    this.batches = batches;
    this.settings = properties.launch();
  }

  /**
   * One of the key's batches.
   *
   * @throws BatchNotFoundException when the key has no batch with this id
   */
  public BatchView show(long apiKeyId, String batchId) {
    StoredBatch batch =
        batches
            .findStored(batchId)
            .filter(b -> b.batch().apiKeyId() == apiKeyId)
            .orElseThrow(() -> new BatchNotFoundException(batchId));
    return new BatchView(batch, batches.progress(batchId));
  }

  /**
   * The key's batches, newest first.
   *
   * @param afterCreatedAt with {@code afterId}, where the previous page ended (null for the first)
   * @param limit page size, null for the default
   */
  public Page list(long apiKeyId, Instant afterCreatedAt, String afterId, Integer limit) {
    int size = limit == null ? settings.defaultListSize() : limit;
    if (size < 1 || size > settings.maxListSize()) {
      throw new InvalidLaunchException(
          "limit must be between 1 and " + settings.maxListSize() + ", not " + size);
    }
    List<StoredBatch> rows = batches.listForKey(apiKeyId, afterCreatedAt, afterId, size + 1);
    boolean more = rows.size() > size;
    List<StoredBatch> page = more ? rows.subList(0, size) : rows;
    return new Page(
        page.stream().map(b -> new BatchView(b, batches.progress(b.id()))).toList(),
        page.isEmpty() ? null : page.getLast(),
        more);
  }
}
