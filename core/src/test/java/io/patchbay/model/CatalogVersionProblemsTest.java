package io.patchbay.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.PatchbayException;
import io.patchbay.version.InvalidVersionException;
import io.patchbay.version.UnknownVersionSchemeException;
import io.patchbay.version.VersionSchemes;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The version rules a gateway checks across a whole catalog, and how their problems are reported.
 */
class CatalogVersionProblemsTest {

  private static final Sha256 DIGEST = Sha256.parse("ab".repeat(32));

  private static CatalogEntry entry(String name, String version, String scheme) {
    return new CatalogEntry(name, version, DIGEST, 1, URI.create(name), scheme, null);
  }

  @Test
  void everyEntryWhoseVersionItsSchemeRefusesIsAProblemInCatalogOrder() {
    Catalog catalog =
        Catalog.of(
            1,
            null,
            "semver",
            List.of(
                entry("bin/a", "01.0.0", null),
                entry("bin/b", "1.0.0", null),
                entry("bin/c", "2.0", null),
                entry("bin/d", "1:2.0-1", "debian")));

    List<PatchbayException> problems = catalog.versionProblems(VersionSchemes.defaults());

    assertThat(problems)
        .allSatisfy(problem -> assertThat(problem).isInstanceOf(InvalidVersionException.class))
        .extracting(problem -> ((InvalidVersionException) problem).fileName())
        .containsExactly("bin/a", "bin/c");
  }

  @Test
  void anUnknownSchemeIsOneProblemHoweverManyEntriesUseIt() {
    Catalog catalog =
        Catalog.of(
            1,
            null,
            "bogus",
            List.of(
                entry("bin/a", "1.0.0", null),
                entry("bin/b", "1.0.0", null),
                entry("bin/c", "x", "semver")));

    List<PatchbayException> problems = catalog.versionProblems(VersionSchemes.defaults());

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0))
        .isInstanceOfSatisfying(
            UnknownVersionSchemeException.class,
            unknown -> assertThat(unknown.scheme()).isEqualTo("bogus"));
    assertThat(problems.get(1))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("\"bin/c\"");
  }

  @Test
  void aValidCatalogHasNoProblems() {
    Catalog catalog =
        Catalog.of(1, entry("bin/a", "1.0.0", null), entry("bin/b", "2.0.0-rc.1", null));

    assertThat(catalog.versionProblems(VersionSchemes.defaults())).isEmpty();
  }

  @Test
  void anInvalidCatalogListsTwentyProblemsInItsMessageAndCountsTheRest() {
    List<PatchbayException> problems = new ArrayList<>();
    IntStream.rangeClosed(1, 23)
        .forEach(i -> problems.add(new InvalidFileNameException("bad/" + i + "/..", "no")));

    InvalidCatalogException error = new InvalidCatalogException("head-end/catalog.json", problems);

    assertThat(error.problems()).hasSize(23);
    assertThat(error.getCause()).isSameAs(problems.get(0));
    assertThat(error.summary()).isEqualTo("Catalog head-end/catalog.json has 23 problems");
    assertThat(error.getMessage())
        .startsWith("Catalog head-end/catalog.json has 23 problems: ")
        .contains("\"bad/1/..\"", "\"bad/20/..\"")
        .doesNotContain("\"bad/21/..\"")
        .endsWith("; and 3 more");
  }
}
