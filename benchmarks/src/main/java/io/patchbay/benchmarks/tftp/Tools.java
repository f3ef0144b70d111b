package io.patchbay.benchmarks.tftp;

import java.nio.file.Files;
import java.nio.file.Path;

/** The Debian programs the harness runs; a missing one fails the run, saying how to install it. */
final class Tools {

  static final Path CURL = Path.of("/usr/bin/curl");

  private Tools() {}

  /**
   * Returns {@code binary} if it is executable.
   *
   * @throws IllegalStateException otherwise, naming the package that provides it
   */
  static Path requireExecutable(Path binary, String debianPackage) {
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          binary + " is missing: apt-get install " + debianPackage + " (.ci/run does)");
    }
    return binary;
  }
}
