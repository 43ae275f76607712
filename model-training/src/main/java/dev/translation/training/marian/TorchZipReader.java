package dev.translation.training.marian;

import dev.translation.training.marian.TorchUnpickler.StorageRef;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads the zip format {@code torch.save} writes by default since torch 1.6: {@code
 * <prefix>/data.pkl} pickles the state dict, and each storage it refers to is the entry {@code
 * <prefix>/data/<key>}.
 */
final class TorchZipReader {

  private static final String PICKLE = "data.pkl";

  private TorchZipReader() {}

  static StateDict read(Path file) throws IOException {
    String source = file.toString();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      String prefix = prefix(zip, source);
      Object root;
      Map<String, StorageRef> storages = new LinkedHashMap<>();
      try (InputStream in =
          new BufferedInputStream(zip.getInputStream(zip.getEntry(prefix + PICKLE)))) {
        root = TorchUnpickler.load(in, source, storages);
      }
      PickledStateDict stateDict = PickledStateDict.of(root, source);
      ByteOrder order = byteOrder(zip, prefix, source);
      Map<String, Tensor> tensors = new HashMap<>();
      for (Map.Entry<StorageRef, List<String>> viewed : stateDict.namesByStorage().entrySet()) {
        StorageRef storage = viewed.getKey();
        float[] data = readStorage(zip, prefix + "data/" + storage.key(), storage, order, source);
        for (String name : viewed.getValue()) {
          tensors.put(
              name,
              Storages.view(stateDict.weight(name), data, "tensor '" + name + "' in " + source));
        }
      }
      return stateDict.toStateDict(file, tensors);
    } catch (ZipException e) {
      throw new CheckpointFormatException(
          source
              + " starts like a zip archive but cannot be read as one ("
              + e.getMessage()
              + "): the file is truncated or damaged",
          e);
    }
  }

  /** The archive's top directory: {@code archive/} or the file's stem, depending on torch. */
  private static String prefix(ZipFile zip, String source) {
    Enumeration<? extends ZipEntry> entries = zip.entries();
    while (entries.hasMoreElements()) {
      String name = entries.nextElement().getName();
      int slash = name.indexOf('/');
      if (slash > 0 && name.equals(name.substring(0, slash + 1) + PICKLE)) {
        return name.substring(0, slash + 1);
      }
    }
    throw new CheckpointFormatException(
        source + " is a zip archive without <directory>/" + PICKLE + ": not a PyTorch checkpoint");
  }

  /** Torch 2.1 and later record the byte order; earlier versions wrote little-endian only. */
  private static ByteOrder byteOrder(ZipFile zip, String prefix, String source) throws IOException {
    ZipEntry entry = zip.getEntry(prefix + "byteorder");
    if (entry == null) {
      return ByteOrder.LITTLE_ENDIAN;
    }
    String order;
    try (InputStream in = zip.getInputStream(entry)) {
      order = new String(in.readNBytes(16), StandardCharsets.US_ASCII).strip();
    }
    return switch (order) {
      case "little" -> ByteOrder.LITTLE_ENDIAN;
      case "big" -> ByteOrder.BIG_ENDIAN;
      default ->
          throw new CheckpointFormatException(
              source + " declares the byte order '" + order + "', not 'little' or 'big'");
    };
  }

  private static float[] readStorage(
      ZipFile zip, String name, StorageRef storage, ByteOrder order, String source)
      throws IOException {
    String what = "storage " + name + " in " + source;
    ZipEntry entry = zip.getEntry(name);
    if (entry == null) {
      throw new CheckpointFormatException(source + " lacks the entry " + name);
    }
    long needed = Storages.byteCount(storage.numel(), storage.dtype(), what);
    if (entry.getSize() >= 0 && entry.getSize() < needed) {
      throw new CheckpointFormatException(
          what
              + " holds "
              + entry.getSize()
              + " bytes, but its "
              + storage.numel()
              + " "
              + storage.dtype().label
              + " elements need "
              + needed
              + ": the file is truncated or damaged");
    }
    try (InputStream in = zip.getInputStream(entry)) {
      return Storages.read(in, storage.dtype(), storage.numel(), order, what);
    }
  }
}
