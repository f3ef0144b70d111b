package io.patchbay.benchmarks.tftp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@link TftpHarness} runs.
 *
 * @param size the served file's size in bytes
 * @param runs timed rounds; every trial runs once a round
 * @param warmups untimed rounds of the trials with our client or server, first
 * @param blockSizes the lockstep block sizes
 * @param windowBlockSize the windowed trial's block size
 * @param windowSize the windowed trial's window
 * @param directory where the work directory is made (a RAM disk if there is one, so that writing
 *     the copies costs no disk I/O)
 * @param keep whether the work directory stays afterwards
 * @param jfr where to write a JFR recording of the timed rounds, or {@code null}
 * @param only runs only the trials whose description holds this text (for profiling one), or {@code
 *     null} for all
 * @param smoke whether this is the smoke mode: checks only, no figures worth reading
 */
record HarnessSettings(
    long size,
    int runs,
    int warmups,
    List<Integer> blockSizes,
    int windowBlockSize,
    int windowSize,
    Path directory,
    boolean keep,
    Path jfr,
    String only,
    boolean smoke) {

  static final long DEFAULT_SIZE = 64L << 20;
  static final int LOCKSTEP_REFERENCE = 1468;

  HarnessSettings {
    if (size < 1 || runs < 1 || warmups < 0 || blockSizes.isEmpty()) {
      throw new IllegalArgumentException(
          "size and runs must be positive, warm-ups not negative, and a block size given");
    }
    blockSizes = List.copyOf(blockSizes);
  }

  /** The defaults of issue 16: 64 MiB, five rounds after two warm-ups, blksize 1468 and 65464. */
  static HarnessSettings defaults() {
    return new HarnessSettings(
        DEFAULT_SIZE,
        5,
        2,
        List.of(LOCKSTEP_REFERENCE, 65_464),
        1428,
        16,
        defaultDirectory(),
        false,
        null,
        null,
        false);
  }

  /**
   * The smoke mode: a file of a few blocks at every size, with a short last block, one warm-up and
   * one run of each trial, every copy checked.
   */
  static HarnessSettings smoke(Path directory) {
    HarnessSettings defaults = defaults();
    return new HarnessSettings(
        150_000,
        1,
        1,
        defaults.blockSizes,
        defaults.windowBlockSize,
        defaults.windowSize,
        directory,
        false,
        null,
        null,
        true);
  }

  /**
   * Reads the command line: {@code --size BYTES[k|m|g] --runs N --warmups N --blksize A,B --window
   * BLOCKS --dir DIR --keep --jfr FILE --only TEXT}, or {@code --smoke} alone.
   *
   * @throws IllegalArgumentException for an unknown option or a bad value
   */
  static HarnessSettings parse(String... args) {
    HarnessSettings defaults = defaults();
    List<String> rest = new ArrayList<>(List.of(args));
    if (rest.remove("--smoke")) {
      if (!rest.isEmpty()) {
        throw new IllegalArgumentException("--smoke takes no other option: " + rest);
      }
      return smoke(defaults.directory);
    }
    long size = defaults.size;
    int runs = defaults.runs;
    int warmups = defaults.warmups;
    List<Integer> blockSizes = defaults.blockSizes;
    int windowSize = defaults.windowSize;
    Path directory = defaults.directory;
    boolean keep = rest.remove("--keep");
    Path jfr = null;
    String only = null;
    for (int i = 0; i < rest.size(); i += 2) {
      String option = rest.get(i);
      if (i + 1 >= rest.size()) {
        throw new IllegalArgumentException("Option " + option + " needs a value");
      }
      String value = rest.get(i + 1);
      switch (option) {
        case "--size" -> size = bytes(value);
        case "--runs" -> runs = Integer.parseInt(value);
        case "--warmups" -> warmups = Integer.parseInt(value);
        case "--blksize" -> blockSizes = numbers(value);
        case "--window" -> windowSize = Integer.parseInt(value);
        case "--dir" -> directory = Path.of(value);
        case "--jfr" -> jfr = Path.of(value);
        case "--only" -> only = value;
        default -> throw new IllegalArgumentException("Unknown option " + option);
      }
    }
    return new HarnessSettings(
        size,
        runs,
        warmups,
        blockSizes,
        defaults.windowBlockSize,
        windowSize,
        directory,
        keep,
        jfr,
        only,
        false);
  }

  private static long bytes(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    int shift =
        switch (lower.charAt(lower.length() - 1)) {
          case 'k' -> 10;
          case 'm' -> 20;
          case 'g' -> 30;
          default -> 0;
        };
    String digits = shift == 0 ? lower : lower.substring(0, lower.length() - 1);
    return Long.parseLong(digits) << shift;
  }

  private static List<Integer> numbers(String value) {
    List<Integer> numbers = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      numbers.add(Integer.parseInt(part.trim()));
    }
    return numbers;
  }

  private static Path defaultDirectory() {
    Path shm = Path.of("/dev/shm");
    return Files.isDirectory(shm) && Files.isWritable(shm)
        ? shm
        : Path.of(System.getProperty("java.io.tmpdir"));
  }
}
