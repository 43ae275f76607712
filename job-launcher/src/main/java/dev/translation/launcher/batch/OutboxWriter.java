package dev.translation.launcher.batch;

import dev.translation.contracts.Lane;
import dev.translation.launcher.persistence.CorpusBatchRepository;
import dev.translation.outbox.OutboxMessage;
import dev.translation.outbox.OutboxRelay;
import dev.translation.outbox.OutboxRepository;
import dev.translation.outbox.TranslationBatchMessages;
import dev.translation.outbox.TranslationBatchMessages.SegmentToPublish;
import java.time.Clock;
import java.util.List;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Packs a chunk of pending segments into batch-lane messages and writes them to the outbox in the
 * chunk's transaction; once it commits, the relay sends them. Messages are numbered on from the
 * last committed chunk, so the shard's messages are dealt out over all partitions of the lane.
 */
public class OutboxWriter implements ItemStreamWriter<SegmentToPublish> {

  static final String NEXT_MESSAGE = "messages.next";

  private final CurrentShard current;
  private final TranslationBatchMessages messages;
  private final OutboxRepository outbox;
  private final OutboxRelay relay;
  private final CorpusBatchRepository batches;
  private final Clock clock;
  private int nextMessage;

  public OutboxWriter(
      CurrentShard current,
      TranslationBatchMessages messages,
      OutboxRepository outbox,
      OutboxRelay relay,
      CorpusBatchRepository batches,
      Clock clock) {
    this.current = current;
    this.messages = messages;
    this.outbox = outbox;
    this.relay = relay;
    this.batches = batches;
    this.clock = clock;
  }

  @Override
  public void open(ExecutionContext context) {
    nextMessage = context.getInt(NEXT_MESSAGE, 0);
    batches.phase(current.assignment().batchId(), current.assignment().shard(), "publish");
  }

  @Override
  public void write(Chunk<? extends SegmentToPublish> chunk) {
    List<OutboxMessage> batch =
        messages.forSegments(
            current.assignment().jobId(),
            Lane.BATCH,
            List.copyOf(chunk.getItems()),
            nextMessage,
            clock.instant());
    outbox.insertAll(batch);
    nextMessage += batch.size();
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            relay.wakeUp();
          }
        });
  }

  @Override
  public void update(ExecutionContext context) {
    context.putInt(NEXT_MESSAGE, nextMessage);
  }
}
