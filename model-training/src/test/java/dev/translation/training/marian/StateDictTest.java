package dev.translation.training.marian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fixtures: src/test/resources/marian/state-dicts, written by
 * src/test/python/write_state_dict_fixtures.py with torch itself.
 */
class StateDictTest {

  private static Path fixtures;
  private static JsonNode expected;

  @TempDir Path directory;

  @BeforeAll
  static void readExpectations() throws URISyntaxException {
    fixtures =
        Path.of(StateDictTest.class.getResource("/marian/state-dicts/expected.json").toURI())
            .getParent();
    expected = JsonMapper.builder().build().readTree(fixtures.resolve("expected.json").toFile());
  }

  @ParameterizedTest
  @ValueSource(strings = {"state-dict.zip.bin", "state-dict.legacy.bin", "state-dict.safetensors"})
  void everyFormatReadsTheSavedShapesAndValuesExactly(String fixture) throws IOException {
    StateDict stateDict = StateDict.read(fixtures.resolve(fixture));

    List<String> names = new ArrayList<>();
    for (Map.Entry<String, JsonNode> tensor : expected.get("tensors").properties()) {
      names.add(tensor.getKey());
      Tensor actual = stateDict.get(tensor.getKey());
      assertThat(actual.shape())
          .as(tensor.getKey())
          .containsExactly(longs(tensor.getValue().get("shape")));
      assertThat(actual.values())
          .as(tensor.getKey())
          .containsExactly(floats(tensor.getValue().get("values")));
    }
    assertThat(stateDict.names()).containsExactlyElementsOf(names);
  }

  @ParameterizedTest
  @ValueSource(strings = {"state-dict.zip.bin", "state-dict.legacy.bin"})
  void stridedAndOffsetViewsComeOutRowMajorAndInt64BuffersAreSkipped(String fixture)
      throws IOException {
    StateDict stateDict = StateDict.read(fixtures.resolve(fixture));

    // torch.arange(12.).view(3, 4).t(), saved with strides (1, 4)
    assertThat(stateDict.get("decoder.transposed").values())
        .containsExactly(0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11);
    // bias[4:9], saved as offset 4 into bias's storage
    assertThat(stateDict.get("decoder.bias_tail").values()).containsExactly(2, 2.5f, 3, 3.5f, 4);
    assertThat(stateDict.skipped())
        .containsExactlyElementsOf(
            expected.get("skipped").values().stream().map(JsonNode::stringValue).toList());
    assertThat(stateDict.contains("embeddings.position_ids")).isFalse();
    assertThatThrownBy(() -> stateDict.get("embeddings.position_ids"))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessageContaining("'embeddings.position_ids'")
        .hasMessageContaining("int64 buffer");
  }

  @Test
  void missingTensorIsReportedWithItsNameAndTheFile() throws IOException {
    Path file = fixtures.resolve("state-dict.safetensors");
    StateDict stateDict = StateDict.read(file);

    assertThat(stateDict.contains("decoder.weight")).isFalse();
    assertThatThrownBy(() -> stateDict.get("decoder.weight"))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessage(file + " has no tensor 'decoder.weight'");
  }

  /** A negative length keeps all but that many bytes. */
  @ParameterizedTest
  @CsvSource({
    "state-dict.zip.bin, -7",
    "state-dict.zip.bin, 1200",
    "state-dict.legacy.bin, -7",
    "state-dict.legacy.bin, -100",
    "state-dict.legacy.bin, 300",
    "state-dict.safetensors, -7"
  })
  void truncatedFileIsRefusedAsTruncated(String fixture, int length) throws IOException {
    byte[] whole = Files.readAllBytes(fixtures.resolve(fixture));
    Path file = directory.resolve(fixture);
    Files.write(file, Arrays.copyOf(whole, length < 0 ? whole.length + length : length));

    assertThatThrownBy(() -> StateDict.read(file))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("truncated");
  }

  @Test
  void int32TensorIsRefusedNamingTheTensorAndItsDtype() {
    Path file = fixtures.resolve("int32-tensor.zip.bin");

    assertThatThrownBy(() -> StateDict.read(file))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessage(
            "tensor 'counts' in "
                + file
                + " has dtype int32; only float32, float16, bfloat16 and float64 weights are read"
                + " (int64 buffers are skipped)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"GLOBAL", "STACK_GLOBAL", "INST"})
  void pickleCallingOsSystemIsRefusedWithoutRunningAnything(String opcode) throws IOException {
    Path marker = directory.resolve("pwned");
    byte[] command = ("touch " + marker).getBytes(StandardCharsets.US_ASCII);
    byte[] pickle =
        switch (opcode) {
          case "GLOBAL" -> ascii("cos\nsystem\n(S'touch " + marker + "'\ntR.");
          case "INST" -> ascii("(S'touch " + marker + "'\nios\nsystem\n.");
          default ->
              concat(
                  HexFormat.of().parseHex("80048c026f73948c0673797374656d9493"),
                  new byte[] {(byte) 0x8c, (byte) command.length},
                  command,
                  ascii("\u0085R."));
        };
    Path file = directory.resolve("hostile.bin");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new ZipEntry("archive/data.pkl"));
      zip.write(pickle);
      zip.closeEntry();
    }

    assertThatThrownBy(() -> StateDict.read(file))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessageStartingWith("unsupported object os.system in " + file);
    assertThat(marker).doesNotExist();
  }

  @Test
  void randomBytesAreNoCheckpoint() throws IOException {
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    Path file = directory.resolve("noise.bin");
    Files.write(file, noise);

    assertThatThrownBy(() -> StateDict.read(file))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("neither a PyTorch checkpoint");
  }

  @Test
  void safetensorsDataOffsetsBeyondTheFileAreRefused() throws IOException {
    Path file = safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8);

    assertThatThrownBy(() -> StateDict.read(file))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessageContaining("tensor 'w' in " + file)
        .hasMessageContaining("data_offsets [0, 16] beyond the 8 bytes of data");
  }

  @Test
  void safetensorsHeaderLongerThanTheFileIsRefused() throws IOException {
    Path file = directory.resolve("short.safetensors");
    Files.write(file, concat(littleEndian(1000), ascii("{\"w\":")));

    assertThatThrownBy(() -> StateDict.read(file))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessage(
            file
                + " declares a safetensors header of 1000 bytes, but only 5 follow: the file is"
                + " truncated or not safetensors");
  }

  @Test
  void safetensorsUnknownDtypeIsRefusedNamingIt() throws IOException {
    Path file =
        safetensors("{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", 2);

    assertThatThrownBy(() -> StateDict.read(file))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessageContaining("tensor 'w' in " + file)
        .hasMessageContaining("unknown dtype 'F8_E4M3'");
  }

  private Path safetensors(String header, int dataBytes) throws IOException {
    byte[] json = ascii(header);
    Path file = directory.resolve("handmade.safetensors");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(littleEndian(json.length));
      out.write(json);
      out.write(new byte[dataBytes]);
    }
    return file;
  }

  private static byte[] littleEndian(long value) {
    return ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    ByteBuffer joined = ByteBuffer.allocate(length);
    for (byte[] part : parts) {
      joined.put(part);
    }
    return joined.array();
  }

  private static long[] longs(JsonNode array) {
    long[] values = new long[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).longValue();
    }
    return values;
  }

  private static float[] floats(JsonNode array) {
    float[] values = new float[array.size()];
    for (int i = 0; i < values.length; i++) {
      // Each value is a float32 written as the double it widens to, so narrowing is exact.
      values[i] = (float) array.get(i).doubleValue();
    }
    return values;
  }
}
