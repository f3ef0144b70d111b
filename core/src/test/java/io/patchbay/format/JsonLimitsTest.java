package io.patchbay.format;

import static io.patchbay.format.Documents.assertFailure;
import static io.patchbay.format.Documents.at;
import static io.patchbay.format.Documents.utf8;
import static io.patchbay.format.FormatException.Problem.TOO_LARGE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.patchbay.format.Documents.Position;
import io.patchbay.model.FileNames;
import io.patchbay.model.Manifest;
import io.patchbay.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

@SuppressWarnings("InputStreamSlowMultibyteRead") // test streams: slow is fine
class JsonLimitsTest {

  private static final String EMPTY_MANIFEST = "{\"schemaVersion\": 1, \"files\": []}";

  private static FormatException error(String document, JsonLimits limits) {
    return catchThrowableOfType(
        FormatException.class, () -> ManifestJson.read(utf8(document), limits));
  }

  @Test
  void defaultsLeaveRoomForAMillionEntryManifest() {
    JsonLimits defaults = JsonLimits.defaults();

    assertThat(defaults.maxDocumentBytes()).isEqualTo(512L * 1024 * 1024);
    assertThat(defaults.maxEntries()).isEqualTo(5_000_000);
    assertThat(defaults.maxStringLength()).isGreaterThanOrEqualTo(FileNames.MAX_LENGTH);
    assertThat(defaults.maxNestingDepth()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void withMethodsChangeOneLimitOnly() {
    JsonLimits defaults = JsonLimits.defaults();

    JsonLimits limits = defaults.withMaxEntries(10).withMaxNestingDepth(8);

    assertThat(limits)
        .isEqualTo(new JsonLimits(defaults.maxDocumentBytes(), 10, defaults.maxStringLength(), 8));
  }

  @Test
  void rejectsLimitsThatAreNotPositive() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JsonLimits.defaults().withMaxDocumentBytes(0));
    assertThatIllegalArgumentException().isThrownBy(() -> JsonLimits.defaults().withMaxEntries(-1));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JsonLimits.defaults().withMaxStringLength(0));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> JsonLimits.defaults().withMaxNestingDepth(0));
  }

  @Test
  void acceptsADocumentOfExactlyTheMaximumSize() throws IOException {
    JsonLimits limits = JsonLimits.defaults().withMaxDocumentBytes(EMPTY_MANIFEST.length());

    assertThat(ManifestJson.read(utf8(EMPTY_MANIFEST), limits)).isEqualTo(Manifest.empty());
  }

  @Test
  void rejectsADocumentOneByteOverTheMaximumSize() {
    JsonLimits limits = JsonLimits.defaults().withMaxDocumentBytes(EMPTY_MANIFEST.length());

    FormatException error = error(EMPTY_MANIFEST + "\n", limits);

    // The position is that of the last token read, the document's closing brace.
    assertFailure(error, TOO_LARGE, new Position(1, EMPTY_MANIFEST.length()), "");
    assertThat(error.reason())
        .isEqualTo("the document is longer than " + EMPTY_MANIFEST.length() + " bytes");
  }

  @Test
  void stopsReadingAnEndlessDocumentAtTheMaximumSize() {
    Endless endless = new Endless();
    JsonLimits limits = JsonLimits.defaults().withMaxDocumentBytes(100_000);

    FormatException error =
        catchThrowableOfType(FormatException.class, () -> ManifestJson.read(endless, limits));

    assertThat(error.problem()).isEqualTo(TOO_LARGE);
    assertThat(error.path()).startsWith("files[");
    assertThat(endless.delivered).isEqualTo(100_001);
  }

  @Test
  void rejectsAMaximumSizeReachedBeforeTheFirstToken() {
    FormatException error =
        error("        " + EMPTY_MANIFEST, JsonLimits.defaults().withMaxDocumentBytes(5));

    assertFailure(error, TOO_LARGE, new Position(1, 1), "");
  }

  @Test
  void rejectsAMaximumSizeReachedInTheFirstObject() {
    FormatException error = error(EMPTY_MANIFEST, JsonLimits.defaults().withMaxDocumentBytes(5));

    assertFailure(error, TOO_LARGE, new Position(1, 1), "");
  }

  @Test
  void rejectsATinyMaximumSizeBeforeTheParserStarts() {
    FormatException error = error(EMPTY_MANIFEST, JsonLimits.defaults().withMaxDocumentBytes(1));

    assertFailure(error, TOO_LARGE, new Position(1, 1), "");
  }

  @Test
  void rejectsTheFirstEntryOverTheMaximumCount() {
    String document =
        """
        {"schemaVersion": 1, "files": [
          {"name": "a", "version": "1"},
          {"name": "b", "version": "1"},
          {"name": "c", "version": "1"}
        ]}""";

    FormatException error = error(document, JsonLimits.defaults().withMaxEntries(2));

    assertFailure(error, TOO_LARGE, at(document, "{\"name\": \"c\""), "files[2]");
    assertThat(error.reason()).isEqualTo("more than 2 entries");
  }

  @Test
  void rejectsAStringLongerThanTheMaximumLength() {
    String document =
        "{\"schemaVersion\": 1, \"files\": [{\"name\": \"abcdefghijklmnop\", \"version\": \"1\"}]}";

    FormatException error = error(document, JsonLimits.defaults().withMaxStringLength(15));

    assertFailure(error, TOO_LARGE, at(document, "\"abcdefghijklmnop\""), "files[0].name");
  }

  @Test
  void acceptsAStringOfExactlyTheMaximumLength() throws IOException {
    String document =
        "{\"schemaVersion\": 1, \"files\": [{\"name\": \"abcdefghijklmno\", \"version\": \"1\"}]}";

    assertThat(
            ManifestJson.read(utf8(document), JsonLimits.defaults().withMaxStringLength(15)).size())
        .isEqualTo(1);
  }

  @Test
  void rejectsADigestLongerThanTheMaximumLength() {
    // A digest is read from the parser's characters, not made a String, which Jackson checks.
    String document =
        "{\"schemaVersion\": 1, \"files\": [{\"name\": \"a\", \"version\": \"1\", \"sha256\": \""
            + "ab".repeat(32)
            + "\"}]}";

    FormatException error = error(document, JsonLimits.defaults().withMaxStringLength(63));

    assertFailure(error, TOO_LARGE, at(document, "\"abab"), "files[0].sha256");
  }

  @Test
  void acceptsADigestOfExactlyTheMaximumLength() throws IOException {
    String document =
        "{\"schemaVersion\": 1, \"files\": [{\"name\": \"a\", \"version\": \"1\", \"sha256\": \""
            + "ab".repeat(32)
            + "\"}]}";

    assertThat(
            ManifestJson.read(utf8(document), JsonLimits.defaults().withMaxStringLength(64))
                .find("a")
                .orElseThrow()
                .sha256())
        .isEqualTo(Sha256.parse("ab".repeat(32)));
  }

  @Test
  void rejectsAnUnknownFieldNameLongerThanTheMaximumLength() {
    String document = "{\"schemaVersion\": 1, \"an-overlong-name\": 0, \"files\": []}";

    FormatException error = error(document, JsonLimits.defaults().withMaxStringLength(15));

    // Jackson checks a name once it has read it: the parser stops right after it.
    assertFailure(error, TOO_LARGE, new Position(1, 40), "");
  }

  @Test
  void rejectsNestingDeeperThanTheMaximumEvenInSkippedFields() {
    String document = "{\"schemaVersion\": 1, \"extra\": [[[0]]], \"files\": []}";

    FormatException error = error(document, JsonLimits.defaults().withMaxNestingDepth(3));

    // The parser stops right after the bracket that goes too deep.
    assertFailure(error, TOO_LARGE, new Position(1, 34), "extra[0][0]");
  }

  @Test
  void appliesCustomLimitsToTheirOwnReadOnly() throws IOException {
    String document =
        "{\"schemaVersion\": 1, \"files\": [{\"name\": \"abcdefghijklmnop\", \"version\": \"1\"}]}";
    error(document, JsonLimits.defaults().withMaxStringLength(15));

    assertThat(ManifestJson.read(utf8(document)).size()).isEqualTo(1);
  }

  /** A manifest whose files array never ends; counts the bytes it delivered. */
  private static final class Endless extends InputStream {
    private static final byte[] HEAD = "{\"schemaVersion\": 1, \"files\": [".getBytes(UTF_8);
    private long delivered;
    private int entry;
    private byte[] chunk = HEAD;
    private int position;

    @Override
    public int read() {
      if (position == chunk.length) {
        String next =
            (entry == 0 ? "" : ",") + "{\"name\": \"f" + entry++ + "\", \"version\": \"1\"}";
        chunk = next.getBytes(UTF_8);
        position = 0;
      }
      delivered++;
      return chunk[position++];
    }
  }
}
