package io.patchbay.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.model.CatalogSignature;
import io.patchbay.model.SignedRoot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A head end's root files: one signed root document each, read back exactly as written. */
class SignatureJsonTest {

  private static final String KEY_ID = "ab".repeat(32);

  private static SignedRoot read(String file) throws IOException {
    return SignatureJson.readRoot(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aRootFileRoundTripsItsDocumentByteForByteAndItsSignatures() throws IOException {
    SignedRoot root =
        new SignedRoot(
            "patchbay-root-v1\nrepository: acme\nversion: 1\n",
            List.of(new CatalogSignature(KEY_ID, new byte[] {1, 2, 3})));
    ByteArrayOutputStream file = new ByteArrayOutputStream();

    SignatureJson.writeRoot(root, file);
    SignedRoot back = SignatureJson.readRoot(new ByteArrayInputStream(file.toByteArray()));

    assertThat(back.document()).isEqualTo(root.document());
    assertThat(back.signatures())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.keyId()).isEqualTo(KEY_ID);
              assertThat(s.signature()).containsExactly(1, 2, 3);
            });
    assertThat(file.toString(StandardCharsets.UTF_8))
        .startsWith("{\n")
        .contains("\"schemaVersion\" : 1")
        .endsWith("}\n");
  }

  @Test
  void aRootFileWithoutSignaturesOrSchemaVersionIsAFormatErrorNamingTheField() {
    assertThatThrownBy(() -> read("{\"schemaVersion\":1,\"document\":\"x\"}"))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("signatures");
    assertThatThrownBy(() -> read("{\"document\":\"x\",\"signatures\":[]}"))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("schemaVersion");
  }

  @Test
  void aRootFileOverTheSignatureLimitIsRefused() {
    String signature = "{\"keyid\":\"" + KEY_ID + "\",\"sig\":\"AQID\"}";
    String file =
        "{\"schemaVersion\":1,\"document\":\"x\",\"signatures\":["
            + String.join(",", java.util.Collections.nCopies(257, signature))
            + "]}";

    assertThatThrownBy(() -> read(file))
        .isInstanceOfSatisfying(
            FormatException.class,
            e -> assertThat(e.problem()).isEqualTo(FormatException.Problem.TOO_LARGE));
  }
}
