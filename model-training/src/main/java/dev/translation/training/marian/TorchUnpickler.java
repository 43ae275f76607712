package dev.translation.training.marian;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Unpickles what {@code torch.save} writes for a state dict, against an allow-list: {@code
 * collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2} and the {@code torch.*Storage}
 * types resolve to plain Java values; any other global fails before anything is built, so a hostile
 * checkpoint gets no further than naming what it wanted.
 *
 * <p>Globals are resolved here rather than through {@link Unpickler#registerConstructor}: that
 * registry is JVM-wide and comes preloaded (datetime, decimal, array, copy_reg), and Pyrolite turns
 * every global it does not know into a generic object instead of failing.
 */
final class TorchUnpickler extends Unpickler {

  /** A storage as a persistent id names it; its bytes are read once all tensors are known. */
  record StorageRef(String key, DType dtype, long numel) {}

  /** A tensor as {@code _rebuild_tensor_v2} describes it: a strided view into a storage. */
  record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {}

  /** A {@code torch.*Storage} global: only ever the type field of a persistent id. */
  private record StorageType(String name, DType dtype) implements IObjectConstructor {
    @Override
    public Object construct(Object[] args) {
      throw new PickleException(name + " is called, but a state dict only names it in storages");
    }
  }

  /** An {@code OrderedDict}, told apart from a plain dict only so BUILD can accept its state. */
  private static final class OrderedDict extends LinkedHashMap<Object, Object> {
    @Serial private static final long serialVersionUID = 1L;
  }

  private static final Map<String, DType> STORAGE_TYPES =
      Map.of(
          "FloatStorage", DType.FLOAT32,
          "HalfStorage", DType.FLOAT16,
          "BFloat16Storage", DType.BFLOAT16,
          "DoubleStorage", DType.FLOAT64,
          "LongStorage", DType.INT64,
          "IntStorage", DType.INT32,
          "ShortStorage", DType.INT16,
          "CharStorage", DType.INT8,
          "ByteStorage", DType.UINT8,
          "BoolStorage", DType.BOOL);

  private final String source;
  private final Map<String, StorageRef> storages;
  private final Map<String, IObjectConstructor> globals = new HashMap<>();

  private TorchUnpickler(String source, Map<String, StorageRef> storages) {
    this.source = source;
    this.storages = storages;
    globals.put("collections.OrderedDict", args -> new OrderedDict());
    globals.put("torch._utils._rebuild_tensor_v2", this::rebuildTensor);
    STORAGE_TYPES.forEach(
        (name, dtype) -> globals.put("torch." + name, new StorageType("torch." + name, dtype)));
  }

  /**
   * Unpickles one object, reading no byte past its STOP opcode, so that the legacy format's next
   * pickle or storage follows on the same stream.
   *
   * @param source the file, for messages
   * @param storages receives every storage a persistent id names, by key, in first-seen order
   */
  static Object load(InputStream in, String source, Map<String, StorageRef> storages)
      throws IOException {
    EndTrackingInputStream tracked = new EndTrackingInputStream(in);
    try {
      return new TorchUnpickler(source, storages).load(tracked);
    } catch (CheckpointFormatException e) {
      throw e;
    } catch (IOException e) {
      if (tracked.reachedEnd) {
        throw new CheckpointFormatException(
            source + " ends inside its pickled data: the file is truncated", e);
      }
      throw e;
    } catch (RuntimeException e) {
      throw new CheckpointFormatException(
          source + " holds a malformed pickle: " + e.getMessage(), e);
    }
  }

  @Override
  protected Object dispatch(short opcode) throws IOException {
    switch (opcode) {
      case Opcodes.GLOBAL -> {
        String module = readLine();
        String name = readLine();
        stack.add(global(module, name));
      }
      case Opcodes.STACK_GLOBAL -> {
        Object name = stack.pop();
        Object module = stack.pop();
        stack.add(global(String.valueOf(module), String.valueOf(name)));
      }
      // torch.save never writes INST; refusing it keeps every class lookup in global().
      case Opcodes.INST -> {
        String module = readLine();
        String name = readLine();
        throw unsupported(module + "." + name);
      }
      // Pyrolite builds dicts and batches of items as HashMaps; a state dict must keep its order.
      case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
      case Opcodes.DICT -> {
        Map<Object, Object> dict = new LinkedHashMap<>();
        putAll(dict, stack.pop_all_since_marker());
        stack.add(dict);
      }
      case Opcodes.SETITEMS -> {
        List<Object> items = stack.pop_all_since_marker();
        if (!(stack.peek() instanceof Map<?, ?> dict)) {
          throw new PickleException("dict items set on a " + describe(stack.peek()));
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> target = (Map<Object, Object>) dict;
        putAll(target, items);
      }
      // state_dict()'s OrderedDict carries _metadata (per-module versions for load_state_dict),
      // which weights do not need. Pyrolite would call a __setstate__ method by reflection.
      case Opcodes.BUILD -> {
        stack.pop();
        Object target = stack.peek();
        if (!(target instanceof OrderedDict)) {
          throw new CheckpointFormatException(
              source
                  + " sets the state of a "
                  + describe(target)
                  + ", which a state dict does not");
        }
      }
      case Opcodes.PERSID ->
          throw new CheckpointFormatException(
              source + " holds a text persistent id, which torch.save never writes");
      default -> {
        return super.dispatch(opcode);
      }
    }
    return NO_RETURN_VALUE;
  }

  /** A GLOBAL or INST argument; unlike Pyrolite's readline, a line cut off by the end fails. */
  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = input.read(); b != '\n'; b = input.read()) {
      if (b < 0) {
        throw new EOFException("end of file inside a global's name");
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  private static void putAll(Map<Object, Object> dict, List<Object> keysAndValues) {
    if (keysAndValues.size() % 2 != 0) {
      throw new PickleException("odd number of items for a dict");
    }
    for (int i = 0; i < keysAndValues.size(); i += 2) {
      dict.put(keysAndValues.get(i), keysAndValues.get(i + 1));
    }
  }

  private IObjectConstructor global(String module, String name) {
    IObjectConstructor constructor = globals.get(module + "." + name);
    if (constructor == null) {
      throw unsupported(module + "." + name);
    }
    return constructor;
  }

  private CheckpointFormatException unsupported(String what) {
    return new CheckpointFormatException(
        "unsupported object "
            + what
            + " in "
            + source
            + ": a state dict holds only tensors in a dict, and nothing else is loaded");
  }

  @Override
  protected Object persistentLoad(Object pid) {
    if (!(pid instanceof Object[] id)
        || id.length < 5
        || !"storage".equals(id[0])
        || !(id[1] instanceof StorageType type)
        || !(id[2] instanceof String key)) {
      throw new CheckpointFormatException(
          source + " refers to " + describe(pid) + ", where a storage reference was expected");
    }
    // The legacy format's sixth field, set only for storage views, which older torch versions
    // wrote.
    if (id.length > 5 && id[5] != null) {
      throw new CheckpointFormatException(
          "storage "
              + key
              + " in "
              + source
              + " is a view into another storage, which torch no longer writes and this reader does not read;"
              + " load and save the checkpoint again with a recent torch");
    }
    StorageRef storage = new StorageRef(key, type.dtype(), longValue(id[4], "storage size"));
    StorageRef known = storages.putIfAbsent(key, storage);
    if (known != null && !known.equals(storage)) {
      throw new CheckpointFormatException(
          "storage " + key + " in " + source + " is declared twice: " + known + " and " + storage);
    }
    return storage;
  }

  private TensorRef rebuildTensor(Object[] args) {
    if (args.length < 6 || !(args[0] instanceof StorageRef storage)) {
      throw new CheckpointFormatException(
          source + " rebuilds a tensor from something other than a storage");
    }
    long[] shape = longs(args[2], "tensor size");
    long[] stride = longs(args[3], "tensor stride");
    if (shape.length != stride.length) {
      throw new CheckpointFormatException(
          source
              + " holds a tensor with "
              + shape.length
              + " sizes but "
              + stride.length
              + " strides");
    }
    return new TensorRef(storage, longValue(args[1], "storage offset"), shape, stride);
  }

  private long[] longs(Object tuple, String what) {
    if (!(tuple instanceof Object[] items)) {
      throw new CheckpointFormatException(
          source + " holds a " + describe(tuple) + " as " + what + ", not a tuple");
    }
    long[] values = new long[items.length];
    for (int i = 0; i < items.length; i++) {
      values[i] = longValue(items[i], what);
    }
    return values;
  }

  private long longValue(Object value, String what) {
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    throw new CheckpointFormatException(
        source + " holds a " + describe(value) + " as " + what + ", not an integer");
  }

  /** The Python name of what the unpickler built, for messages. */
  static String describe(Object value) {
    return switch (value) {
      case null -> "None";
      case TensorRef _ -> "tensor";
      case StorageRef _ -> "storage";
      case StorageType type -> type.name();
      case Map<?, ?> _ -> "dict";
      case List<?> _ -> "list";
      case Object[] _ -> "tuple";
      case String _ -> "string";
      case Boolean _ -> "bool";
      case Number _ -> "number";
      default -> value.getClass().getSimpleName();
    };
  }

  /** Remembers whether the stream ran out, to tell a truncated file from a failing disk. */
  private static final class EndTrackingInputStream extends FilterInputStream {
    private boolean reachedEnd;

    EndTrackingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      reachedEnd |= b < 0;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      reachedEnd |= n < 0;
      return n;
    }

    // The stream is the caller's: the legacy format reads on after each pickle.
    @Override
    public void close() {}
  }
}
