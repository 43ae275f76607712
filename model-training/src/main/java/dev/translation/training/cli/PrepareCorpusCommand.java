package dev.translation.training.cli;

import dev.translation.training.corpus.CorpusSplit;
import dev.translation.training.corpus.DingDictionaryReader;
import dev.translation.training.corpus.PhraseSentences;
import dev.translation.training.corpus.SentencePair;
import dev.translation.training.corpus.TsvCorpusReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Reads corpora, deduplicates them, and writes a deterministic train/dev/test split. */
@Command(
    name = "prepare-corpus",
    mixinStandardHelpOptions = true,
    description = {
      "Reads parallel corpora and writes train.tsv, dev.tsv, test.tsv (German<TAB>English),"
          + " dev-sentences.tsv (the full sentences of dev, for early stopping on what users"
          + " send) and sentencepiece-input.txt (both sides of train, for spm_train) into --out.",
      "Also writes phrase-sentences-{train,dev,test}.tsv: the corpora's haben/sein/werden verb"
          + " phrases conjugated into whole sentences, each in the part its phrase belongs to.",
      "The split is by a hash of the German source, so it is the same on every run and no test"
          + " source is ever trained on."
    })
final class PrepareCorpusCommand implements Callable<Integer> {

  @Option(
      names = "--ding",
      description = "Ding dictionary file (Debian package trans-de-en: /usr/share/trans/de-en)")
  Path ding;

  @Option(names = "--tsv", description = "Extra German<TAB>English corpus (repeatable)")
  List<Path> tsv = new ArrayList<>();

  @Option(names = "--out", required = true, description = "Output directory")
  Path out;

  @Override
  public Integer call() throws Exception {
    LinkedHashSet<SentencePair> all = new LinkedHashSet<>();
    if (ding != null) {
      DingDictionaryReader reader = new DingDictionaryReader();
      List<SentencePair> pairs = reader.read(ding);
      System.err.printf(
          "%s: %,d pairs (%,d malformed lines skipped)%n",
          ding, pairs.size(), reader.skippedLines());
      all.addAll(pairs);
    }
    for (Path file : tsv) {
      List<SentencePair> pairs = TsvCorpusReader.read(file);
      System.err.printf("%s: %,d pairs%n", file, pairs.size());
      all.addAll(pairs);
    }
    if (all.isEmpty()) {
      System.err.println("No corpus given: use --ding and/or --tsv");
      return 2;
    }
    List<SentencePair> corpus = List.copyOf(all);
    CorpusSplit split = CorpusSplit.of(corpus);
    CorpusSplit sentences = PhraseSentences.split(corpus, split);
    Files.createDirectories(out);
    write(split, "");
    TsvCorpusReader.write(
        out.resolve("dev-sentences.tsv"),
        split.dev().stream().filter(SentencePair::isFullSentence).toList());
    write(sentences, "phrase-sentences-");
    try (BufferedWriter writer = Files.newBufferedWriter(out.resolve("sentencepiece-input.txt"))) {
      for (SentencePair pair : split.train()) {
        writer.write(pair.source());
        writer.newLine();
        writer.write(pair.target());
        writer.newLine();
      }
    }
    System.err.printf("%,d unique pairs -> %s in %s%n", all.size(), split.summary(), out);
    System.err.printf("phrase sentences -> %s%n", sentences.summary());
    return 0;
  }

  private void write(CorpusSplit split, String prefix) throws IOException {
    TsvCorpusReader.write(out.resolve(prefix + "train.tsv"), split.train());
    TsvCorpusReader.write(out.resolve(prefix + "dev.tsv"), split.dev());
    TsvCorpusReader.write(out.resolve(prefix + "test.tsv"), split.test());
  }
}
