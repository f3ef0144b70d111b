package io.patchbay.format;

import static io.patchbay.format.Documents.DIGEST;
import static io.patchbay.format.Documents.assertFailure;
import static io.patchbay.format.Documents.at;
import static io.patchbay.format.Documents.catalogError;
import static io.patchbay.format.Documents.readCatalog;
import static io.patchbay.format.Documents.written;
import static io.patchbay.format.FormatException.Problem.DUPLICATE_FIELD;
import static io.patchbay.format.FormatException.Problem.DUPLICATE_FILE;
import static io.patchbay.format.FormatException.Problem.INVALID_VALUE;
import static io.patchbay.format.FormatException.Problem.MISSING_FIELD;
import static io.patchbay.format.FormatException.Problem.UNSUPPORTED_SCHEMA_VERSION;
import static io.patchbay.format.FormatException.Problem.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.format.Documents.Position;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Sha256;
import io.patchbay.model.Targeting;
import io.patchbay.version.InvalidVersionException;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CatalogJsonTest {

  private static final Sha256 SHA = new Sha256(DIGEST);
  private static final CatalogEntry PLAYER =
      new CatalogEntry(
          "bin/player",
          "2.0.0",
          SHA,
          123,
          URI.create("artifacts/player-2.0.0.bin"),
          null,
          new Targeting(
              Map.of("model", Set.of("STB-200", "STB-100"), "hardwareRevision", Set.of("B"))));
  private static final CatalogEntry TUNER =
      new CatalogEntry(
          "fw/tuner.bin",
          "1:4.2-3",
          SHA,
          0,
          URI.create("https://cdn.example.com/tuner.bin"),
          "debian",
          Targeting.ANY);

  /** A valid catalog entry named {@code a}, written with ' for ". */
  private static final String ENTRY =
      "{'name': 'a', 'version': '1', 'sha256': '" + DIGEST + "', 'size': 1, 'location': 'a'}";

  /** A catalog document with these entries, written with ' for ". */
  private static String withEntries(String entries) {
    return "{\"schemaVersion\": 1, \"serial\": 7, \"files\": [" + entries.replace('\'', '"') + "]}";
  }

  /** {@link #ENTRY} with more fields. */
  private static String entryWith(String fields) {
    return ENTRY.replace("}", ", " + fields + "}");
  }

  @Nested
  class Writing {

    @Test
    void writesFieldsInAFixedOrderWithTargetsSorted() throws IOException {
      Catalog catalog =
          Catalog.of(42, Instant.parse("2026-12-01T00:00:00Z"), "semver", List.of(PLAYER, TUNER));

      assertThat(written(catalog))
          .isEqualTo(
              """
              {"schemaVersion":1,"serial":42,"expires":"2026-12-01T00:00:00Z","versionScheme":"semver","files":[
              {"name":"bin/player","version":"2.0.0","sha256":"%1$s","size":123,"location":"artifacts/player-2.0.0.bin","targets":{"hardwareRevision":["B"],"model":["STB-100","STB-200"]}},
              {"name":"fw/tuner.bin","version":"1:4.2-3","sha256":"%1$s","size":0,"location":"https://cdn.example.com/tuner.bin","versionScheme":"debian"}
              ]}
              """
                  .formatted(DIGEST));
    }

    @Test
    void roundTripsEveryField() throws IOException {
      Instant expires = Instant.parse("2026-12-01T00:00:00.123456789Z");
      Catalog catalog = Catalog.of(42, expires, "natural", List.of(PLAYER, TUNER));

      assertThat(readCatalog(written(catalog))).isEqualTo(catalog);
    }

    @Test
    void roundTripsANeverExpiringCatalogInTheDefaultScheme() throws IOException {
      Catalog catalog = Catalog.of(0, PLAYER);

      assertThat(readCatalog(written(catalog))).isEqualTo(catalog);
    }

    @Test
    void roundTripsAnEmptyCatalog() throws IOException {
      Catalog catalog = Catalog.of(Long.MAX_VALUE);

      assertThat(readCatalog(written(catalog))).isEqualTo(catalog);
    }
  }

  @Nested
  class Reading {

    @Test
    void defaultsTheVersionSchemeAndNeverExpires() throws IOException {
      Catalog catalog = readCatalog(withEntries(""));

      assertThat(catalog.versionScheme()).isEqualTo("semver");
      assertThat(catalog.expires()).isNull();
    }

    @Test
    void readsFieldsInAnyOrderAndSkipsUnknownOnes() throws IOException {
      Catalog catalog =
          readCatalog(
              """
              {"files": [{"targets": {"model": ["STB-100", "STB-200"], "hardwareRevision": ["B"]},
                          "location": "artifacts/player-2.0.0.bin", "size": 123, "mirrors": ["a", "b"],
                          "sha256": "%s", "version": "2.0.0", "name": "bin/player"}],
               "signedBy": {"key": "k1"}, "serial": 42, "schemaVersion": 1}"""
                  .formatted(DIGEST));

      assertThat(catalog).isEqualTo(Catalog.of(42, PLAYER));
    }

    @Test
    void readsExpiryWithAnOffsetAsTheSameInstant() throws IOException {
      Catalog catalog =
          readCatalog(
              """
              {"schemaVersion": 1, "serial": 1, "expires": "2026-12-01T01:00:00+01:00", "files": []}""");

      assertThat(catalog.expires()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void readsEmptyTargetsAsApplyingToEveryClient() throws IOException {
      Catalog catalog = readCatalog(withEntries(entryWith("'targets': {}")));

      assertThat(catalog.find("a").orElseThrow().targeting().isAny()).isTrue();
    }
  }

  @Nested
  class Rejecting {

    @Test
    void rejectsACatalogWithoutASerial() {
      String document = "{\"schemaVersion\": 1, \"files\": []}";

      FormatException error = catalogError(document);

      assertFailure(error, MISSING_FIELD, at(document, "{"), "");
      assertThat(error.reason()).isEqualTo("missing required field \"serial\"");
    }

    @Test
    void rejectsANegativeSerial() {
      String document = "{\"schemaVersion\": 1, \"serial\": -3, \"files\": []}";

      assertFailure(catalogError(document), INVALID_VALUE, at(document, "-3"), "serial");
    }

    @Test
    void rejectsAnotherSchemaVersion() {
      String document = "{\"schemaVersion\": 0, \"serial\": 1, \"files\": []}";

      assertFailure(
          catalogError(document), UNSUPPORTED_SCHEMA_VERSION, at(document, "0"), "schemaVersion");
    }

    @Test
    void rejectsAnExpiryThatIsNotAnInstant() {
      String document =
          "{\"schemaVersion\": 1, \"serial\": 1, \"expires\": \"2026-12-01\", \"files\": []}";

      FormatException error = catalogError(document);

      assertFailure(error, INVALID_VALUE, at(document, "\"2026-12-01\""), "expires");
      assertThat(error.reason())
          .isEqualTo(
              "expected an ISO-8601 instant such as 2026-12-01T00:00:00Z, found \"2026-12-01\"");
    }

    @Test
    void rejectsAnEntryWithoutADigest() {
      String document =
          """
          {"schemaVersion": 1, "serial": 1, "files": [
            {"name": "a", "version": "1", "size": 1, "location": "a"}
          ]}""";

      FormatException error = catalogError(document);

      assertFailure(error, MISSING_FIELD, at(document, "{\"name\""), "files[0]");
      assertThat(error.reason()).isEqualTo("missing required field \"sha256\"");
    }

    @Test
    void rejectsAnEntryWithoutALocation() {
      String document =
          withEntries("{'name': 'a', 'version': '1', 'sha256': '%s', 'size': 1}".formatted(DIGEST));

      FormatException error = catalogError(document);

      assertFailure(error, MISSING_FIELD, at(document, "{\"name\""), "files[0]");
      assertThat(error.reason()).isEqualTo("missing required field \"location\"");
    }

    @Test
    void rejectsALocationThatIsNotAUriReference() {
      String document = withEntries(ENTRY.replace("'location': 'a'", "'location': 'a b'"));

      FormatException error = catalogError(document);

      assertFailure(error, INVALID_VALUE, at(document, "\"a b\""), "files[0].location");
      assertThat(error).hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAnEmptyLocation() {
      String document = withEntries(ENTRY.replace("'location': 'a'", "'location': ''"));

      assertFailure(
          catalogError(document), INVALID_VALUE, at(document, "\"\"}"), "files[0].location");
    }

    @Test
    void rejectsATargetThatAllowsNoValue() {
      String document = withEntries(entryWith("'targets': {'model': []}"));

      assertFailure(
          catalogError(document), INVALID_VALUE, at(document, "]}}"), "files[0].targets.model");
    }

    @Test
    void rejectsATargetAttributeGivenTwice() {
      String document = withEntries(entryWith("'targets': {'model': ['X'], 'model': ['Y']}"));

      assertFailure(
          catalogError(document),
          DUPLICATE_FIELD,
          at(document, "\"model\": [\"Y\"]"),
          "files[0].targets.model");
    }

    @Test
    void rejectsTargetsThatAreNotAnObject() {
      String document = withEntries(entryWith("'targets': ['STB-100']"));

      assertFailure(
          catalogError(document), WRONG_TYPE, at(document, "[\"STB-100\"]"), "files[0].targets");
    }

    @Test
    void rejectsATargetValueThatIsNotAString() {
      String document = withEntries(entryWith("'targets': {'hw rev': ['B', 3]}"));

      assertFailure(
          catalogError(document),
          WRONG_TYPE,
          at(document, "3]"),
          "files[0].targets[\"hw rev\"][1]");
    }

    @Test
    void rejectsDuplicateFileNamesWithTheirPosition() {
      String document =
          withEntries(
              entryWith("'versionScheme': 'natural'")
                  + ",\n"
                  + entryWith("'versionScheme': 'debian'"));

      assertFailure(catalogError(document), DUPLICATE_FILE, new Position(2, 10), "files[1].name");
    }

    @Test
    void rejectsAMalformedVersionAtTheVersionsPosition() {
      String document = withEntries(ENTRY.replace("'version': '1'", "'version': ''"));

      FormatException error = catalogError(document);

      assertFailure(error, INVALID_VALUE, at(document, "\"\""), "files[0].version");
      assertThat(error).hasCauseInstanceOf(InvalidVersionException.class);
    }

    @Test
    void anErrorNamedForItsDocumentKeepsItsPositionAndSaysWhereItIs() {
      String document = "{\"schemaVersion\": 1, \"serial\": -3, \"files\": []}";
      FormatException error = catalogError(document);

      FormatException named = error.in("http://head-end/catalog.json");

      assertThat(error.source()).isNull();
      assertThat(named.source()).isEqualTo("http://head-end/catalog.json");
      assertThat(named).hasMessage("http://head-end/catalog.json: " + error.getMessage());
      assertFailure(named, INVALID_VALUE, at(document, "-3"), "serial");
      assertThat(named.reason()).isEqualTo(error.reason());
    }
  }
}
