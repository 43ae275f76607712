package dev.translation.training.marian;

import dev.translation.training.marian.TorchUnpickler.StorageRef;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the format of {@code torch.save(..., _use_new_zipfile_serialization=False)}, the default
 * before torch 1.6: one stream of pickles (magic number, format version, system info, the state
 * dict, the list of storage keys), then each storage in that list's order as an element count and
 * its raw bytes.
 */
final class TorchLegacyReader {

  private static final BigInteger MAGIC_NUMBER = new BigInteger("1950a86a20f9469cfc6c", 16);
  private static final int PROTOCOL_VERSION = 1001;

  private TorchLegacyReader() {}

  static StateDict read(Path file) throws IOException {
    String source = file.toString();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      Map<String, StorageRef> storages = new LinkedHashMap<>();
      Object magic = TorchUnpickler.load(in, source, storages);
      if (!MAGIC_NUMBER.equals(magic)) {
        throw new CheckpointFormatException(
            source + " does not start with the magic number of a legacy PyTorch checkpoint");
      }
      Object version = TorchUnpickler.load(in, source, storages);
      if (!(version instanceof Integer number) || number != PROTOCOL_VERSION) {
        throw new CheckpointFormatException(
            source
                + " is a legacy PyTorch checkpoint of format version "
                + version
                + "; only "
                + PROTOCOL_VERSION
                + " is read");
      }
      // System info (byte order, C type sizes): torch writes storages little-endian regardless.
      TorchUnpickler.load(in, source, storages);
      PickledStateDict stateDict =
          PickledStateDict.of(TorchUnpickler.load(in, source, storages), source);
      if (!(TorchUnpickler.load(in, source, storages) instanceof List<?> keys)) {
        throw new CheckpointFormatException(
            source + " lacks the list of storage keys after its state dict");
      }
      Map<String, List<String>> namesByKey = new HashMap<>();
      stateDict.namesByStorage().forEach((storage, names) -> namesByKey.put(storage.key(), names));
      Map<String, Tensor> tensors = new HashMap<>();
      for (Object key : keys) {
        StorageRef storage = storages.get(key);
        if (storage == null) {
          throw new CheckpointFormatException(
              source + " lists storage " + key + ", which no tensor refers to");
        }
        String what = "storage " + key + " in " + source;
        long count = readCount(in, what);
        if (count != storage.numel()) {
          throw new CheckpointFormatException(
              what
                  + " holds "
                  + count
                  + " elements, but the state dict declares "
                  + storage.numel());
        }
        // Checked before anything is allocated: a corrupt count cannot ask for more memory than
        // the file could hold.
        if (Storages.byteCount(count, storage.dtype(), what) > Files.size(file)) {
          throw new CheckpointFormatException(
              what + " declares " + count + " elements, more than the whole file holds");
        }
        List<String> names = namesByKey.get(storage.key());
        if (names == null) {
          Storages.skip(in, Storages.byteCount(count, storage.dtype(), what), what);
          continue;
        }
        float[] data = Storages.read(in, storage.dtype(), count, ByteOrder.LITTLE_ENDIAN, what);
        for (String name : names) {
          tensors.put(
              name,
              Storages.view(stateDict.weight(name), data, "tensor '" + name + "' in " + source));
        }
      }
      return stateDict.toStateDict(file, tensors);
    }
  }

  private static long readCount(InputStream in, String what) throws IOException {
    byte[] bytes = in.readNBytes(Long.BYTES);
    if (bytes.length < Long.BYTES) {
      throw new CheckpointFormatException(
          what + " is missing from the end of the file: the file is truncated");
    }
    long count = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (count < 0) {
      throw new CheckpointFormatException(what + " declares a negative size " + count);
    }
    return count;
  }
}
