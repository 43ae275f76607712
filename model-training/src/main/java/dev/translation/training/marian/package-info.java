/**
 * Serving Hugging Face Marian (Opus-MT) checkpoints: {@link
 * dev.translation.training.marian.MarianImport} converts a checkpoint directory, checked by {@link
 * dev.translation.training.marian.MarianCheckpoint}, into a model bundle.
 *
 * <p>Reading the weights without Python: {@link dev.translation.training.marian.StateDict} reads
 * {@code pytorch_model.bin} (PyTorch's zip format and its legacy format) and {@code
 * model.safetensors} into float32 arrays by tensor name, so a Marian checkpoint can be converted in
 * Java. Pickled checkpoints are read against an allow-list of the few objects a state dict holds;
 * any other object is refused before anything is built.
 */
package dev.translation.training.marian;
