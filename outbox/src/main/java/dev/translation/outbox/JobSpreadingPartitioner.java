package dev.translation.outbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.utils.Utils;

/**
 * Deals a job's messages out over the topic's partitions in turn, starting at a partition chosen by
 * the job id: message {@code n} of a job goes to partition {@code (hash(job) + n) mod partitions}.
 * Every worker of a lane then gets an equal share of a large job, where hashing each key on its own
 * would leave some partitions with a third more messages than others, and the job would wait for
 * the slowest worker.
 *
 * <p>Keys are made by {@link #key(String, int)}; any other key is hashed as Kafka's default
 * partitioner hashes it.
 */
public final class JobSpreadingPartitioner implements Partitioner {

  private static final char SEPARATOR = '/';

  /** The record key of message {@code messageNumber} (0, 1, ...) of job {@code jobId}. */
  public static String key(String jobId, int messageNumber) {
    return jobId + SEPARATOR + messageNumber;
  }

  @Override
  public int partition(
      String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
    List<PartitionInfo> partitions = cluster.partitionsForTopic(topic);
    int count = partitions.size();
    if (keyBytes == null) {
      return partitions.get(ThreadLocalRandom.current().nextInt(count)).partition();
    }
    String text = key.toString();
    int separator = text.lastIndexOf(SEPARATOR);
    if (separator > 0) {
      try {
        int messageNumber = Integer.parseInt(text, separator + 1, text.length(), 10);
        int start = Utils.toPositive(Utils.murmur2(Utils.utf8(text.substring(0, separator))));
        return (int) ((start + (long) messageNumber) % count);
      } catch (NumberFormatException notAJobKey) {
        // hashed below
      }
    }
    return Utils.toPositive(Utils.murmur2(keyBytes)) % count;
  }

  @Override
  public void configure(Map<String, ?> configs) {}

  @Override
  public void close() {}
}
