package io.patchbay.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.patchbay.format.FormatException.Problem;
import io.patchbay.model.Catalog;
import io.patchbay.model.Manifest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Documents as text, and the errors that reading them raises, for the format tests. */
final class Documents {

  /** A digest to put in documents. */
  static final String DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  /** Where a token starts, as a FormatException reports it. */
  record Position(int line, int column) {}

  private Documents() {}

  static InputStream utf8(String text) {
    return new ByteArrayInputStream(text.getBytes(UTF_8));
  }

  static Manifest readManifest(String json) throws IOException {
    return ManifestJson.read(utf8(json));
  }

  static Catalog readCatalog(String json) throws IOException {
    return CatalogJson.read(utf8(json));
  }

  static String written(Manifest manifest) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ManifestJson.write(manifest, out);
    return out.toString(UTF_8);
  }

  static String written(Catalog catalog) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CatalogJson.write(catalog, out);
    return out.toString(UTF_8);
  }

  static FormatException manifestError(String json) {
    return catchThrowableOfType(FormatException.class, () -> readManifest(json));
  }

  static FormatException catalogError(String json) {
    return catchThrowableOfType(FormatException.class, () -> readCatalog(json));
  }

  /**
   * The position of the only occurrence of {@code token} in an ASCII {@code document}, counting
   * lines and columns from 1.
   */
  static Position at(String document, String token) {
    int offset = document.indexOf(token);
    assertThat(offset).as("position of %s", token).isNotNegative();
    assertThat(document.indexOf(token, offset + 1))
        .as("second occurrence of %s", token)
        .isNegative();
    int lineStart = document.lastIndexOf('\n', offset) + 1;
    int line = (int) document.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    return new Position(line, offset - lineStart + 1);
  }

  static void assertFailure(
      FormatException error, Problem problem, Position position, String path) {
    assertThat(error).as("the FormatException").isNotNull();
    assertThat(error.problem()).as("problem of: %s", error.getMessage()).isEqualTo(problem);
    assertThat(new Position(error.line(), error.column()))
        .as("position of: %s", error.getMessage())
        .isEqualTo(position);
    assertThat(error.path()).as("path of: %s", error.getMessage()).isEqualTo(path);
    assertThat(error.getMessage()).endsWith(": " + error.reason());
  }
}
