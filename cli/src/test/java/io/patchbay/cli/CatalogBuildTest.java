package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.format.CatalogJson;
import io.patchbay.model.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code patchbay catalog build} checks a catalog with the gateways' rules before writing it. */
class CatalogBuildTest {

  @TempDir Path work;

  private Path headEnd() throws IOException {
    return Files.createDirectories(work.resolve("head-end"));
  }

  private static void artifact(Path headEnd, String name) throws IOException {
    Path file = headEnd.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, name + " bytes");
  }

  private static Catalog read(Path catalog) throws IOException {
    try (InputStream in = Files.newInputStream(catalog)) {
      return CatalogJson.read(in);
    }
  }

  @Test
  void anUnknownSchemeIsAUsageErrorThatListsTheKnownOnes() throws IOException {
    Path headEnd = headEnd();
    artifact(headEnd, "bin/player");

    CommandRun.Result build =
        CommandRun.run("catalog", "build", headEnd, "--version", "1.0.0", "--scheme", "bogus");

    assertThat(build.exitCode()).as(build.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(build.err()).contains("--scheme", "\"bogus\"", "debian", "natural", "semver");
    assertThat(headEnd.resolve("catalog.json")).doesNotExist();
  }

  @Test
  void everyVersionInvalidInTheSchemeIsReportedAndNoCatalogIsWritten() throws IOException {
    Path headEnd = headEnd();
    artifact(headEnd, "bin/a");
    artifact(headEnd, "bin/b");
    artifact(headEnd, "bin/c");
    Path versions =
        Files.writeString(work.resolve("versions.txt"), "bin/a 01.0.0\nbin/b 1.0.0\nbin/c 2.0\n");

    CommandRun.Result build = CommandRun.run("catalog", "build", headEnd, "--versions", versions);

    assertThat(build.exitCode()).as(build.output()).isEqualTo(ExitCodes.ERROR);
    assertThat(build.err().lines())
        .hasSize(3)
        .first()
        .isEqualTo("patchbay: Catalog " + headEnd.resolve("catalog.json") + " has 2 problems");
    assertThat(build.err())
        .contains(
            "\"01.0.0\" of file \"bin/a\" in scheme semver",
            "\"2.0\" of file \"bin/c\" in scheme semver")
        .doesNotContain("bin/b");
    assertThat(headEnd.resolve("catalog.json")).doesNotExist();
  }

  @Test
  void problemsOfEveryKindAreReportedTogether() throws IOException {
    Path headEnd = headEnd();
    artifact(headEnd, "bin/a");
    artifact(headEnd, "bin/b");
    artifact(headEnd, "bin/c");
    Path versions = Files.writeString(work.resolve("versions.txt"), "bin/a 1.0\nbin/c 1.0.0\n");

    CommandRun.Result build = CommandRun.run("catalog", "build", headEnd, "--versions", versions);

    assertThat(build.exitCode()).as(build.output()).isEqualTo(ExitCodes.ERROR);
    assertThat(build.err())
        .contains(
            "has 2 problems",
            "No version for bin/b: list it in --versions or give --version",
            "\"1.0\" of file \"bin/a\"");
  }

  @Test
  void manyProblemsAreListedUpToTwentyThenCounted() throws IOException {
    Path headEnd = headEnd();
    for (int i : IntStream.rangeClosed(1, 25).toArray()) {
      artifact(headEnd, "fw/part-%02d.bin".formatted(i));
    }

    CommandRun.Result build = CommandRun.run("catalog", "build", headEnd, "--version", "v1");

    assertThat(build.exitCode()).as(build.output()).isEqualTo(ExitCodes.ERROR);
    assertThat(build.err().lines()).hasSize(1 + 20 + 1);
    assertThat(build.err())
        .contains("has 25 problems", "fw/part-20.bin")
        .doesNotContain("fw/part-21.bin")
        .endsWith("patchbay:   and 5 more" + System.lineSeparator());
  }

  @Test
  void aVersionValidInTheChosenSchemeBuilds() throws IOException {
    Path headEnd = headEnd();
    artifact(headEnd, "bin/player");

    CommandRun.Result build =
        CommandRun.run("catalog", "build", headEnd, "--version", "1:2.0-1", "--scheme", "debian");

    assertThat(build.exitCode()).as(build.output()).isZero();
    Catalog catalog = read(headEnd.resolve("catalog.json"));
    assertThat(catalog.versionScheme()).isEqualTo("debian");
    assertThat(catalog.find("bin/player").orElseThrow().version()).isEqualTo("1:2.0-1");
  }

  @Test
  void withOutElsewhereTheDirectorysOwnCatalogIsNoArtifact() throws IOException {
    Path headEnd = headEnd();
    artifact(headEnd, "bin/player");
    CommandRun.buildCatalog(headEnd, "1.0.0");
    Path elsewhere = work.resolve("next-catalog.json");

    CommandRun.Result build =
        CommandRun.run("catalog", "build", headEnd, "--version", "1.0.0", "--out", elsewhere);

    assertThat(build.exitCode()).as(build.output()).isZero();
    assertThat(read(elsewhere).files().keySet()).containsExactly("bin/player");
  }
}
