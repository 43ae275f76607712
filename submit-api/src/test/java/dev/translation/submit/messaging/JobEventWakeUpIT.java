package dev.translation.submit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.translation.contracts.JobFinishedEvent;
import dev.translation.contracts.JobStatus;
import dev.translation.contracts.Topics;
import dev.translation.contracts.WireFormat;
import dev.translation.submit.TestClient;
import dev.translation.submit.TestClient.Response;
import dev.translation.submit.TestDatabase;
import dev.translation.submit.security.ApiKeyService;
import dev.translation.submit.security.IssuedApiKey;
import dev.translation.testfixtures.SharedFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code ?wait} learns that a job finished from the worker's event, not by polling: the fallback
 * read of the database here comes only once an hour, so only the event can end the wait early.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"translation.api.await.fallback-poll=1h"})
@DirtiesContext
class JobEventWakeUpIT {

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry, "submit_api_job_events");
    registry.add("spring.kafka.bootstrap-servers", () -> SharedFixtures.kafka().bootstrapServers());
  }

  @LocalServerPort int port;
  @Autowired ApiKeyService apiKeys;
  @Autowired JdbcClient jdbc;
  @Autowired KafkaListenerEndpointRegistry listeners;
  @Autowired JobCompletions completions;

  @BeforeEach
  void listenerHasItsPartitions() {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              var assigned = listeners.getListenerContainer("job-events").getAssignedPartitions();
              return assigned != null && assigned.size() == Topics.JOB_EVENT_PARTITIONS;
            });
  }

  @Test
  void aWaitingRequestAnswersAsSoonAsTheWorkerAnnouncesTheJob() throws Exception {
    IssuedApiKey key = apiKeys.create("job-events");
    TestClient client = new TestClient(port, key.secret());
    long start = System.nanoTime();
    CompletableFuture<Response> answer = submitWaiting(client, "8s", "Guten Morgen.");
    String jobId = awaitWaitingOn(key);

    finishAsAWorkerWould(jobId);
    announce(jobId);

    Response response = answer.get(10, TimeUnit.SECONDS);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().path("segments").get(0).path("translation").asString())
        .isEqualTo("Good morning.");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void withoutAnAnnouncementTheRequestOnlyNoticesAtTheEndOfItsWait() throws Exception {
    IssuedApiKey key = apiKeys.create("job-events-silent");
    TestClient client = new TestClient(port, key.secret());
    long start = System.nanoTime();
    CompletableFuture<Response> answer = submitWaiting(client, "2s", "Guten Abend.");
    finishAsAWorkerWould(awaitWaitingOn(key));

    Response response = answer.get(10, TimeUnit.SECONDS);

    // Its last look at the database, when the wait runs out, may still find the job finished.
    assertThat(response.status()).isIn(200, 202);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  /** Submits one sentence with {@code ?wait}, in the background. */
  private static CompletableFuture<Response> submitWaiting(
      TestClient client, String wait, String sentence) {
    return CompletableFuture.supplyAsync(
        () ->
            client.post("/v1/translations?wait=" + wait, TestClient.submitBody(List.of(sentence))));
  }

  /** The key's job, once a request waits on it past its first read of the job's status. */
  private String awaitWaitingOn(IssuedApiKey key) throws InterruptedException {
    String jobId = awaitJobOf(key);
    await().atMost(Duration.ofSeconds(10)).until(() -> completions.watchedJobs() == 1);
    // The watch starts just before the first read; give that read time to happen, so finishing
    // the job now can only be noticed through an announcement (or the hourly fallback).
    Thread.sleep(300);
    return jobId;
  }

  private String awaitJobOf(IssuedApiKey key) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                jdbc.sql("SELECT id FROM jobs WHERE api_key_id = ?")
                    .params(key.id())
                    .query(String.class)
                    .optional(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  private void finishAsAWorkerWould(String jobId) {
    jdbc.sql(
            "UPDATE segments SET status = 'DONE', translation = 'Good morning.', model_version ="
                + " 'm:1' WHERE job_id = ?")
        .params(jobId)
        .update();
    jdbc.sql(
            "UPDATE jobs SET status = 'SUCCEEDED', done_segments = total_segments, started_at ="
                + " UTC_TIMESTAMP(6), finished_at = UTC_TIMESTAMP(6) WHERE id = ?")
        .params(jobId)
        .update();
  }

  private static void announce(String jobId) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedFixtures.kafka().bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      String event =
          WireFormat.write(JobFinishedEvent.of(jobId, JobStatus.SUCCEEDED, Instant.now()));
      producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, jobId, event));
    }
  }
}
