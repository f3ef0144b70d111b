package io.patchbay.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Cuts the code that documentation shows out of an example's source, between two marker comments.
 */
final class DocSnippets {

  private DocSnippets() {}

  /**
   * The lines of {@code source} between {@code // <marker>:begin} and {@code // <marker>:end}, one
   * indent level out.
   */
  static String between(Path source, String marker) throws IOException {
    String text = Files.readString(source);
    String begin = "// " + marker + ":begin\n";
    return text.substring(
            text.indexOf(begin) + begin.length(), text.indexOf("  // " + marker + ":end"))
        .lines()
        .map(line -> line.startsWith("  ") ? line.substring(2) : line)
        .collect(Collectors.joining("\n"));
  }
}
