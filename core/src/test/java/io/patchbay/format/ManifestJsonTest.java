package io.patchbay.format;

import static io.patchbay.format.Documents.DIGEST;
import static io.patchbay.format.Documents.assertFailure;
import static io.patchbay.format.Documents.at;
import static io.patchbay.format.Documents.manifestError;
import static io.patchbay.format.Documents.readManifest;
import static io.patchbay.format.Documents.utf8;
import static io.patchbay.format.Documents.written;
import static io.patchbay.format.FormatException.Problem.DUPLICATE_FIELD;
import static io.patchbay.format.FormatException.Problem.DUPLICATE_FILE;
import static io.patchbay.format.FormatException.Problem.INVALID_VALUE;
import static io.patchbay.format.FormatException.Problem.MALFORMED_JSON;
import static io.patchbay.format.FormatException.Problem.MISSING_FIELD;
import static io.patchbay.format.FormatException.Problem.UNSUPPORTED_SCHEMA_VERSION;
import static io.patchbay.format.FormatException.Problem.WRONG_TYPE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonParseException;
import io.patchbay.format.Documents.Position;
import io.patchbay.model.DuplicateFileException;
import io.patchbay.model.FileEntry;
import io.patchbay.model.InvalidDigestException;
import io.patchbay.model.InvalidFileNameException;
import io.patchbay.model.Manifest;
import io.patchbay.model.Sha256;
import io.patchbay.version.InvalidVersionException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {

  private static final FileEntry PLAYER =
      new FileEntry("bin/player", "1.2.0", new Sha256(DIGEST), 123);
  private static final FileEntry CONFIG = FileEntry.of("etc/config", "7");

  /** A manifest document with these entries, written with ' for ". */
  private static String withEntries(String entries) {
    return "{\"schemaVersion\": 1, \"files\": [" + entries.replace('\'', '"') + "]}";
  }

  @Nested
  class Writing {

    @Test
    void writesTheSchemaVersionFirstAndOneEntryPerLine() throws IOException {
      assertThat(written(Manifest.of(PLAYER, CONFIG)))
          .isEqualTo(
              """
              {"schemaVersion":1,"files":[
              {"name":"bin/player","version":"1.2.0","sha256":"%s","size":123},
              {"name":"etc/config","version":"7"}
              ]}
              """
                  .formatted(DIGEST));
    }

    @Test
    void writesAnEmptyManifestOnOneLine() throws IOException {
      assertThat(written(Manifest.empty())).isEqualTo("{\"schemaVersion\":1,\"files\":[]}\n");
    }

    @Test
    void roundTripsEntriesWithAndWithoutDigestAndSize() throws IOException {
      Manifest manifest =
          Manifest.of(PLAYER, CONFIG, new FileEntry("lib/codec.so", "3.1", null, 0));

      assertThat(readManifest(written(manifest))).isEqualTo(manifest);
    }

    @Test
    void roundTripsAnEmptyManifest() throws IOException {
      assertThat(readManifest(written(Manifest.empty()))).isEqualTo(Manifest.empty());
    }

    @Test
    void roundTripsNamesAndVersionsThatNeedEscapingOrAreNotAscii() throws IOException {
      Manifest manifest =
          Manifest.of(
              FileEntry.of("fonts/Grüße 'bold' 日本.ttf", "2.0-ü"), FileEntry.of("a/𝄞", "1\"rc\""));

      assertThat(readManifest(written(manifest))).isEqualTo(manifest);
    }

    @Test
    void keepsTheOrderOfEntries() throws IOException {
      Manifest manifest = Manifest.of(CONFIG, PLAYER);

      assertThat(readManifest(written(manifest)).entries()).containsExactly(CONFIG, PLAYER);
    }

    @Test
    void flushesButDoesNotCloseTheStream() throws IOException {
      RecordingOutput out = new RecordingOutput(new ByteArrayOutputStream());

      ManifestJson.write(Manifest.of(PLAYER), out);

      assertThat(out.flushed).isTrue();
      assertThat(out.closed).isFalse();
    }
  }

  @Nested
  class Reading {

    @Test
    void readsFieldsInAnyOrder() throws IOException {
      Manifest manifest =
          readManifest(
              """
              {"files": [{"size": 123, "sha256": "%s", "version": "1.2.0", "name": "bin/player"}],
               "schemaVersion": 1}"""
                  .formatted(DIGEST));

      assertThat(manifest).isEqualTo(Manifest.of(PLAYER));
    }

    @Test
    void skipsUnknownFieldsAtEveryLevel() throws IOException {
      Manifest manifest =
          readManifest(
              """
              {"schemaVersion": 1, "generator": {"name": "agent", "flags": [1, {"x": null}]},
               "files": [{"name": "etc/config", "future": [[], {"version": "9"}], "version": "7",
                          "note": "x", "checked": true}],
               "signature": [1.5e3, "abc"]}""");

      assertThat(manifest).isEqualTo(Manifest.of(CONFIG));
    }

    @Test
    void acceptsDigestsInUpperCase() throws IOException {
      Manifest manifest =
          readManifest(
              """
              {"schemaVersion": 1, "files": [{"name": "bin/player", "version": "1.2.0", "sha256": "%s"}]}"""
                  .formatted(DIGEST.toUpperCase(Locale.ROOT)));

      assertThat(manifest.find("bin/player").orElseThrow().sha256()).isEqualTo(new Sha256(DIGEST));
    }

    @Test
    void readsTheStreamToItsEndAndLeavesItOpen() throws IOException {
      RecordingInput in = new RecordingInput(utf8("{\"schemaVersion\": 1, \"files\": []}  \n"));

      ManifestJson.read(in);

      assertThat(in.read()).isEqualTo(-1);
      assertThat(in.closed).isFalse();
    }

    @Test
    void readsADocumentDeliveredOneByteAtATime() throws IOException {
      byte[] document = written(Manifest.of(PLAYER, CONFIG)).getBytes(UTF_8);
      InputStream trickle =
          new SequenceInputStream(
              Collections.enumeration(
                  IntStream.range(0, document.length)
                      .mapToObj(i -> (InputStream) new ByteArrayInputStream(document, i, 1))
                      .toList()));

      assertThat(ManifestJson.read(trickle)).isEqualTo(Manifest.of(PLAYER, CONFIG));
    }
  }

  @Nested
  class Threads {

    @Test
    void readsAndWritesOnManyThreadsAtOnce() throws Exception {
      Manifest manifest = Manifest.of(PLAYER, CONFIG);
      String document = written(manifest);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Manifest>> results = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
          // Half the reads share the default factory, half build their own.
          JsonLimits limits =
              i % 2 == 0 ? JsonLimits.defaults() : JsonLimits.defaults().withMaxEntries(2);
          results.add(
              pool.submit(() -> ManifestJson.read(utf8(written(readManifest(document))), limits)));
        }
        for (Future<Manifest> result : results) {
          assertThat(result.get()).isEqualTo(manifest);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Nested
  class RejectingTheDocument {

    @Test
    void reportsLineColumnAndPathInTheMessage() {
      FormatException error =
          manifestError(
              """
              {"schemaVersion": 1, "files": [
                {"name": "bin/player", "version": "1.2.0"},
                {"name": "etc/config", "version": "7", "size": "12"}
              ]}""");

      assertThat(error)
          .hasMessage(
              "line 3, column 50 (files[1].size): expected a non-negative integer, found a string");
    }

    @Test
    void rejectsAnEmptyDocument() {
      assertFailure(manifestError(""), MALFORMED_JSON, new Position(1, 1), "");
    }

    @Test
    void rejectsADocumentThatIsNotAnObject() {
      String document = "  [1, 2]";

      assertFailure(manifestError(document), WRONG_TYPE, at(document, "["), "");
    }

    @Test
    void rejectsMalformedJsonWhereTheParserStopped() {
      String document =
          """
          {"schemaVersion": 1, "files": [
            {"name": "bin/player" "version": "1.2.0"}
          ]}""";

      FormatException error = manifestError(document);

      assertFailure(error, MALFORMED_JSON, at(document, "\"version\""), "files[0]");
      assertThat(error).hasCauseInstanceOf(JsonParseException.class);
    }

    @Test
    void rejectsATruncatedDocument() {
      String document = "{\"schemaVersion\": 1, \"files\": [{\"name\": \"bin/player\"";

      assertFailure(
          manifestError(document),
          MALFORMED_JSON,
          new Position(1, document.length() + 1),
          "files[0]");
    }

    @Test
    void rejectsContentAfterTheDocument() {
      String document = "{\"schemaVersion\": 1, \"files\": []}\n{}";

      assertFailure(manifestError(document), MALFORMED_JSON, new Position(2, 1), "");
    }

    @Test
    void rejectsGarbageAfterTheDocument() {
      String document = "{\"schemaVersion\": 1, \"files\": []} garbage";

      assertFailure(manifestError(document), MALFORMED_JSON, at(document, "garbage"), "");
    }

    @Test
    void rejectsBytesThatAreNotJsonText() {
      byte[] invalidUtf32 = {0, 0, 0, '{', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};

      FormatException error =
          catchThrowableOfType(
              FormatException.class,
              () -> ManifestJson.read(new ByteArrayInputStream(invalidUtf32)));

      assertFailure(error, MALFORMED_JSON, new Position(1, 1), "");
    }

    @Test
    void rejectsInvalidUtf8WithItsPosition() {
      byte[] document = withEntries("{'name': '\u00e9'}").getBytes(UTF_8);
      document[42] = '('; // was the second byte of the é

      FormatException error =
          catchThrowableOfType(
              FormatException.class, () -> ManifestJson.read(new ByteArrayInputStream(document)));

      // Jackson reports the position just past the byte it rejected.
      assertFailure(error, MALFORMED_JSON, new Position(1, 44), "files[0].name");
    }
  }

  @Nested
  class RejectingTheSchemaVersion {

    @Test
    void rejectsAMissingSchemaVersionAtTheStartOfTheDocument() {
      String document = "\n {\"files\": []}";

      assertFailure(manifestError(document), MISSING_FIELD, new Position(2, 2), "");
      assertThat(manifestError(document).reason())
          .isEqualTo("missing required field \"schemaVersion\"");
    }

    @Test
    void rejectsAnotherSchemaVersionWithItsPosition() {
      String document = "{\"schemaVersion\": 2, \"files\": []}";

      FormatException error = manifestError(document);

      assertFailure(error, UNSUPPORTED_SCHEMA_VERSION, at(document, "2"), "schemaVersion");
      assertThat(error.reason())
          .isEqualTo("schema version \"2\" is not supported; this reader supports 1");
    }

    @Test
    void rejectsAnotherSchemaVersionBeforeReadingAnyEntry() {
      String document = "{\"schemaVersion\": 2, \"files\": [{\"path\": \"a new shape\"}]}";

      assertThat(manifestError(document).problem()).isEqualTo(UNSUPPORTED_SCHEMA_VERSION);
    }

    @Test
    void rejectsAnotherSchemaVersionGivenAfterTheFiles() {
      String document = "{\"files\": [], \"schemaVersion\": 10}";

      assertFailure(
          manifestError(document), UNSUPPORTED_SCHEMA_VERSION, at(document, "10"), "schemaVersion");
    }

    @Test
    void rejectsASchemaVersionGivenAsAString() {
      String document = "{\"schemaVersion\": \"1\", \"files\": []}";

      assertFailure(manifestError(document), WRONG_TYPE, at(document, "\"1\""), "schemaVersion");
    }
  }

  @Nested
  class RejectingTheFilesArray {

    @Test
    void rejectsAMissingFilesArray() {
      assertFailure(manifestError("{\"schemaVersion\": 1}"), MISSING_FIELD, new Position(1, 1), "");
    }

    @Test
    void rejectsFilesThatAreNotAnArray() {
      String document = "{\"schemaVersion\": 1, \"files\": {}}";

      assertFailure(manifestError(document), WRONG_TYPE, at(document, "{}"), "files");
    }

    @Test
    void rejectsAnEntryThatIsNotAnObject() {
      String document = withEntries("{'name': 'a', 'version': '1'}, 'b'");

      assertFailure(manifestError(document), WRONG_TYPE, at(document, "\"b\""), "files[1]");
    }

    @Test
    void rejectsDuplicateFileNamesWithTheirPosition() {
      String document =
          """
          {"schemaVersion": 1, "files": [
            {"name": "bin/player", "version": "1.2.0"},
            {"version": "1.3.0", "name": "bin/player"}
          ]}""";

      FormatException error = manifestError(document);

      assertFailure(error, DUPLICATE_FILE, new Position(3, 32), "files[1].name");
      assertThat(error).hasCauseInstanceOf(DuplicateFileException.class);
      assertThat(((DuplicateFileException) error.getCause()).name()).isEqualTo("bin/player");
    }
  }

  @Nested
  class RejectingAnEntry {

    @Test
    void rejectsAnEntryWithoutAVersionAtTheEntrysStart() {
      String document =
          """
          {"schemaVersion": 1, "files": [
            {"name": "bin/player", "version": "1.2.0"},
            {"name": "etc/config", "size": 12}
          ]}""";

      FormatException error = manifestError(document);

      assertFailure(error, MISSING_FIELD, at(document, "{\"name\": \"etc/config\""), "files[1]");
      assertThat(error.reason()).isEqualTo("missing required field \"version\"");
    }

    @Test
    void rejectsAFieldGivenTwice() {
      String document = withEntries("{'name': 'a', 'version': '1', 'version': '2'}");

      assertFailure(
          manifestError(document),
          DUPLICATE_FIELD,
          at(document, "\"version\": \"2\""),
          "files[0].version");
    }

    @Test
    void rejectsASizeGivenAsAString() {
      String document = withEntries("{'name': 'a', 'version': '1', 'size': '123'}");

      assertFailure(manifestError(document), WRONG_TYPE, at(document, "\"123\""), "files[0].size");
    }

    @Test
    void rejectsASizeWithAFraction() {
      String document = withEntries("{'name': 'a', 'version': '1', 'size': 12.0}");

      FormatException error = manifestError(document);

      assertFailure(error, WRONG_TYPE, at(document, "12.0"), "files[0].size");
      assertThat(error.reason())
          .isEqualTo("expected a non-negative integer, found a number with a fraction or exponent");
    }

    @Test
    void rejectsANegativeSize() {
      String document = withEntries("{'name': 'a', 'version': '1', 'size': -1}");

      assertFailure(manifestError(document), INVALID_VALUE, at(document, "-1"), "files[0].size");
    }

    @Test
    void rejectsASizeBeyondSixtyFourBits() {
      String document = withEntries("{'name': 'a', 'version': '1', 'size': 9223372036854775808}");

      assertFailure(
          manifestError(document),
          INVALID_VALUE,
          at(document, "9223372036854775808"),
          "files[0].size");
    }

    @Test
    void rejectsNullForAnOptionalField() {
      String document = withEntries("{'name': 'a', 'version': '1', 'sha256': null}");

      assertFailure(manifestError(document), WRONG_TYPE, at(document, "null"), "files[0].sha256");
    }

    @Test
    void rejectsAnUnsafeFileNameWithTheModelsReason() {
      String document = withEntries("{'name': '../etc/passwd', 'version': '1'}");

      FormatException error = manifestError(document);

      assertFailure(error, INVALID_VALUE, at(document, "\"../etc/passwd\""), "files[0].name");
      assertThat(error).hasCauseInstanceOf(InvalidFileNameException.class);
      assertThat(error.reason()).isEqualTo(error.getCause().getMessage());
    }

    @Test
    void rejectsAMalformedDigestWithTheModelsReason() {
      String document = withEntries("{'name': 'a', 'version': '1', 'sha256': 'abc'}");

      FormatException error = manifestError(document);

      assertFailure(error, INVALID_VALUE, at(document, "\"abc\""), "files[0].sha256");
      assertThat(error).hasCauseInstanceOf(InvalidDigestException.class);
    }

    @Test
    void rejectsAMalformedVersionAtTheVersionsPosition() {
      String document =
          """
          {"schemaVersion": 1, "files": [
            {"version": "1.0 beta", "name": "bin/player", "size": 3}
          ]}""";

      FormatException error = manifestError(document);

      assertFailure(error, INVALID_VALUE, at(document, "\"1.0 beta\""), "files[0].version");
      assertThat(error).hasCauseInstanceOf(InvalidVersionException.class);
      assertThat(((InvalidVersionException) error.getCause()).fileName()).isEqualTo("bin/player");
    }

    @Test
    void quotesFieldNamesThatAreNotPlainWordsInThePath() {
      String document =
          """
          {"schemaVersion": 1, "files": [{"name": "a", "version": "1", "odd \\"key\\"": [1, }]}""";

      FormatException error = manifestError(document);

      assertThat(error.problem()).isEqualTo(MALFORMED_JSON);
      assertThat(error.path()).isEqualTo("files[0][\"odd \\u0022key\\u0022\"]");
    }
  }

  /** Records whether it was closed. */
  private static final class RecordingInput extends FilterInputStream {
    boolean closed;

    RecordingInput(InputStream in) {
      super(in);
    }

    @Override
    public void close() throws IOException {
      closed = true;
      super.close();
    }
  }

  /** Records whether it was flushed or closed. */
  private static final class RecordingOutput extends FilterOutputStream {
    boolean flushed;
    boolean closed;

    RecordingOutput(OutputStream out) {
      super(out);
    }

    @Override
    public void flush() throws IOException {
      flushed = true;
      super.flush();
    }

    @Override
    public void close() throws IOException {
      closed = true;
      super.close();
    }
  }
}
