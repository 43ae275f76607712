/**
 * The pipeline's Kafka topics on a real cluster: {@link dev.translation.topics.PipelineTopics}
 * turns the {@code dev.translation.contracts.TopicSpec}s into Kafka admin requests and creates
 * them. Kept out of {@code contracts}, which stays free of Kafka classes.
 */
package dev.translation.topics;
