package dev.translation.worker.messaging;

import dev.translation.contracts.TranslationBatchMessage;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire format of {@link TranslationBatchMessage}: the record as Jackson 3 writes it, no type
 * headers (producers in other apps need not know Java class names). Unknown fields are ignored so a
 * producer may add optional fields within one schema version; the record's own validation rejects
 * anything malformed.
 */
public final class TranslationBatchMessageJson {

  static final JsonMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private TranslationBatchMessageJson() {}

  /**
   * Reads a message.
   *
   * @throws RuntimeException (Jackson's, or the record's validation) when the bytes are not one
   */
  public static TranslationBatchMessage read(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("record has no value");
    }
    return MAPPER.readValue(bytes, TranslationBatchMessage.class);
  }

  public static byte[] write(TranslationBatchMessage message) {
    return MAPPER.writeValueAsBytes(message);
  }

  /** Kafka deserializer; wrap it in an {@code ErrorHandlingDeserializer}. */
  public static final class MessageDeserializer implements Deserializer<TranslationBatchMessage> {
    @Override
    public TranslationBatchMessage deserialize(String topic, byte[] data) {
      return read(data);
    }
  }

  /** Kafka serializer. */
  public static final class MessageSerializer implements Serializer<TranslationBatchMessage> {
    @Override
    public byte[] serialize(String topic, TranslationBatchMessage data) {
      return data == null ? null : write(data);
    }
  }
}
