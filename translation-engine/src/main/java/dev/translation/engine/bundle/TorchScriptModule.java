package dev.translation.engine.bundle;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import dev.translation.engine.ModelUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;

/** Loads and saves TorchScript modules through DJL's PyTorch engine, on the CPU. */
public final class TorchScriptModule {

  private static final String SET_LENGTH_NORMALISATION = "set_length_normalisation";

  private TorchScriptModule() {}

  /**
   * Loads {@code file} as a DJL model. With {@code trainable} the parameters record gradients (only
   * {@code forward} does); otherwise the module is switched to inference mode, whatever mode it was
   * saved in, so dropout never runs while serving.
   */
  public static Model load(Path file, String name, boolean trainable) {
    if (!Files.isRegularFile(file)) {
      throw new ModelUnavailableException("TorchScript module not found: " + file);
    }
    String fileName = file.getFileName().toString();
    String prefix =
        fileName.endsWith(".pt") ? fileName.substring(0, fileName.length() - 3) : fileName;
    Model model = Model.newInstance(name, Device.cpu(), "PyTorch");
    try {
      Map<String, String> options =
          trainable ? Map.of("trainParam", "true") : Map.<String, String>of();
      model.load(file.toAbsolutePath().getParent(), prefix, options);
      PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
      if (trainable) {
        JniUtils.enableTrainingMode(block);
      } else {
        JniUtils.enableInferenceMode(block);
      }
      return model;
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw new ModelUnavailableException("Cannot load TorchScript module " + file, e);
    }
  }

  /**
   * Tells the module which length normalisation the bundle's {@code model.json} asks for, through
   * its {@code set_length_normalisation} method. A module without that method knows GNMT's only
   * (the models trained here), and a bundle asking it for another is refused.
   */
  public static void selectLengthNormalisation(Model model, ModelManifest manifest) {
    PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
    boolean gnmt = manifest.decoding().lengthNormalisation().equals(ModelManifest.Generation.GNMT);
    if (Arrays.asList(JniUtils.getMethodNames(block)).contains(SET_LENGTH_NORMALISATION)) {
      try (IValue choice = IValue.from(gnmt);
          IValue ignored = IValueUtils.runMethod(block, SET_LENGTH_NORMALISATION, choice)) {
        return;
      }
    }
    if (!gnmt) {
      throw new InvalidModelBundleException(
          manifest.id()
              + ": model.json asks for \""
              + manifest.decoding().lengthNormalisation()
              + "\" length normalisation, which its module does not implement (it knows \""
              + ModelManifest.Generation.GNMT
              + "\" only)");
    }
  }

  /**
   * Writes the module, with its current weights, as TorchScript in inference mode. Goes through a
   * temporary file and an atomic move, so a crash never leaves a truncated module behind.
   */
  public static void save(Model model, Path file) {
    PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      JniUtils.enableInferenceMode(block);
      try (OutputStream out = Files.newOutputStream(temporary)) {
        JniUtils.writeModule(block, out, false);
      }
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ModelUnavailableException("Cannot write TorchScript module " + file, e);
    } finally {
      JniUtils.enableTrainingMode(block);
    }
  }
}
