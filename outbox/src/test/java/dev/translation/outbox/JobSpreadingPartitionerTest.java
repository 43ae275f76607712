package dev.translation.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class JobSpreadingPartitionerTest {

  private static final String TOPIC = "translate.batch";
  private static final Node BROKER = new Node(0, "localhost", 9092);

  private final JobSpreadingPartitioner partitioner = new JobSpreadingPartitioner();

  @Test
  void aJobsMessagesAreDealtOutOverAllPartitionsInTurn() {
    Cluster cluster = cluster(12);
    int[] perPartition = new int[12];
    int previous = -1;
    for (int message = 0; message < 40; message++) {
      int partition = partition(JobSpreadingPartitioner.key("job-1", message), cluster);
      perPartition[partition]++;
      if (previous >= 0) {
        assertThat(partition).isEqualTo((previous + 1) % 12);
      }
      previous = partition;
    }
    // 40 messages over 12 partitions: every partition gets 3 or 4.
    assertThat(IntStream.of(perPartition).min().orElseThrow()).isEqualTo(3);
    assertThat(IntStream.of(perPartition).max().orElseThrow()).isEqualTo(4);
  }

  @Test
  void manyJobsSpreadEvenlyOverTwoWorkersHalves() {
    Cluster cluster = cluster(12);
    int firstHalf = 0;
    int total = 0;
    for (int job = 0; job < 10; job++) {
      for (int message = 0; message < 32; message++) {
        int partition = partition(JobSpreadingPartitioner.key("job-" + job, message), cluster);
        firstHalf += partition < 6 ? 1 : 0;
        total++;
      }
    }
    // Each job puts 16 of its 32 messages on either half, give or take 2 of the 8 left after two
    // full rounds.
    assertThat(firstHalf).isBetween(total / 2 - 20, total / 2 + 20);
  }

  @Test
  void otherKeysAreHashedLikeKafkasDefaultPartitioner() {
    Cluster cluster = cluster(12);
    for (String key : List.of("plain", "job/not-a-number", "/7", "")) {
      byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
      assertThat(partitioner.partition(TOPIC, key, bytes, null, null, cluster))
          .as(key)
          .isEqualTo(Utils.toPositive(Utils.murmur2(bytes)) % 12);
    }
  }

  @Test
  void recordsWithoutKeyStillGetAPartition() {
    Cluster cluster = cluster(3);
    assertThat(partitioner.partition(TOPIC, null, null, "v", null, cluster)).isBetween(0, 2);
  }

  private int partition(String key, Cluster cluster) {
    return partitioner.partition(
        TOPIC, key, key.getBytes(StandardCharsets.UTF_8), null, null, cluster);
  }

  private static Cluster cluster(int partitions) {
    List<PartitionInfo> infos = new ArrayList<>();
    IntStream.range(0, partitions)
        .forEach(
            p ->
                infos.add(
                    new PartitionInfo(TOPIC, p, BROKER, new Node[] {BROKER}, new Node[] {BROKER})));
    return new Cluster("test", List.of(BROKER), infos, Set.of(), Set.of());
  }
}
