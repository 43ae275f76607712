package dev.translation.training.marian;

import dev.translation.training.marian.TorchUnpickler.StorageRef;
import dev.translation.training.marian.TorchUnpickler.TensorRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An unpickled PyTorch state dict before its storages are read: the weight tensors by name, in the
 * file's order, and the names of the int64 buffers that are skipped.
 */
final class PickledStateDict {

  private final String source;
  private final Map<String, TensorRef> weights = new LinkedHashMap<>();
  private final List<String> skipped = new ArrayList<>();

  private PickledStateDict(String source) {
    this.source = source;
  }

  /** Checks that {@code root} is a flat dict of tensors of a weight type or int64. */
  static PickledStateDict of(Object root, String source) {
    if (!(root instanceof Map<?, ?> entries)) {
      throw new CheckpointFormatException(
          source
              + " holds a "
              + TorchUnpickler.describe(root)
              + ", not a state dict (a dict of tensors)");
    }
    PickledStateDict stateDict = new PickledStateDict(source);
    for (Map.Entry<?, ?> entry : entries.entrySet()) {
      if (!(entry.getKey() instanceof String name)) {
        throw new CheckpointFormatException(
            source + " holds a state dict keyed by " + TorchUnpickler.describe(entry.getKey()));
      }
      if (!(entry.getValue() instanceof TensorRef tensor)) {
        throw new CheckpointFormatException(
            "entry '"
                + name
                + "' in "
                + source
                + " is a "
                + TorchUnpickler.describe(entry.getValue())
                + ", not a tensor; only a flat state dict of tensors is read");
      }
      DType dtype = tensor.storage().dtype();
      if (dtype.floatingPoint) {
        stateDict.weights.put(name, tensor);
      } else if (dtype == DType.INT64) {
        // Integer buffers such as position_ids are derived data, not weights.
        stateDict.skipped.add(name);
      } else {
        throw new CheckpointFormatException(
            "tensor '"
                + name
                + "' in "
                + source
                + " has dtype "
                + dtype.label
                + "; only "
                + DType.WEIGHT_TYPES
                + " weights are read (int64 buffers are skipped)");
      }
    }
    return stateDict;
  }

  TensorRef weight(String name) {
    return weights.get(name);
  }

  /** The weights' names grouped by the storage they view, storages in first-use order. */
  Map<StorageRef, List<String>> namesByStorage() {
    Map<StorageRef, List<String>> names = new LinkedHashMap<>();
    weights.forEach(
        (name, tensor) ->
            names.computeIfAbsent(tensor.storage(), s -> new ArrayList<>()).add(name));
    return names;
  }

  /** The state dict, once every weight's tensor has been read. */
  StateDict toStateDict(Path file, Map<String, Tensor> tensors) {
    LinkedHashMap<String, Tensor> ordered = new LinkedHashMap<>();
    for (Map.Entry<String, TensorRef> weight : weights.entrySet()) {
      Tensor tensor = tensors.get(weight.getKey());
      if (tensor == null) {
        throw new CheckpointFormatException(
            source
                + " lacks the data of storage "
                + weight.getValue().storage().key()
                + " of tensor '"
                + weight.getKey()
                + "'");
      }
      ordered.put(weight.getKey(), tensor);
    }
    return new StateDict(file, ordered, skipped);
  }
}
