package io.patchbay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.format.CatalogJson;
import io.patchbay.model.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 1,000,000-entry catalog parses in a JVM of {@code -Xmx1g} (issue 16), read from a file. */
class ParseWithinHeapTest {

  private static final int ENTRIES = 1_000_000;

  @TempDir Path home;

  @Test
  void aMillionEntryCatalogParsesInAGigabyteOfHeap() throws Exception {
    Path catalog = home.resolve("catalog.json");
    Files.write(
        catalog,
        PlanFixture.generate(ENTRIES, ChangeRate.FEW, ClientOrder.CATALOG, PlanFixture.SEED)
            .catalogJson());
    Path output = home.resolve("output.txt");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-Xmx1g",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Reader.class.getName(),
                    catalog.toString()))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    boolean finished = process.waitFor(5, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }

    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(finished).as(printed).isTrue();
    assertThat(process.exitValue()).as(printed).isZero();
    assertThat(printed.strip()).isEqualTo(ENTRIES + " entries");
  }

  /** Reads the catalog named by its argument and prints its entry count. */
  static final class Reader {
    private Reader() {}

    public static void main(String[] args) throws IOException {
      try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
        Catalog catalog = CatalogJson.read(in);
        System.out.println(catalog.entries().size() + " entries");
      }
    }
  }
}
