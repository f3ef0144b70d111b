package io.patchbay.trust;

import io.patchbay.catalog.ArtifactStream;
import io.patchbay.catalog.CentralCatalog;
import io.patchbay.catalog.ResumePoint;
import io.patchbay.format.FormatException;
import io.patchbay.format.SignatureJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.SignedStatement;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A head end whose catalogs are used only after a {@link CatalogVerifier} accepted them: give it to
 * the orchestrator in place of the head end itself. A rejected catalog fails the fetch, before any
 * client is contacted. Artifacts pass through: the orchestrator checks each against the verified
 * catalog's size and SHA-256.
 *
 * <p>Thread-safe if the head end is.
 */
public final class TrustedCatalog implements CentralCatalog {

  private final String source;
  private final CentralCatalog head;
  private final CatalogVerifier verifier;

  /** {@code head}'s catalogs, checked by {@code verifier} under the name {@code source}. */
  public TrustedCatalog(String source, CentralCatalog head, CatalogVerifier verifier) {
    this.source = Objects.requireNonNull(source, "source");
    this.head = Objects.requireNonNull(head, "head");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
  }

  /**
   * Fetches the signature file and the catalog document and returns the catalog if the verifier
   * accepts it.
   *
   * @throws UnsupportedOperationException if the head end cannot supply signed catalogs
   * @throws io.patchbay.PatchbayException the verifier's rejection
   * @throws FormatException if the signature file or the catalog is malformed, naming which
   */
  @Override
  public Catalog fetch() throws IOException {
    SignedStatement signed;
    try {
      signed = SignatureJson.read(new ByteArrayInputStream(head.readSignatures()));
    } catch (FormatException e) {
      // The signature file is beside the catalog (CentralCatalog#readSignatures).
      throw e.in(source + ".sig");
    }
    try (InputStream document = head.openDocument()) {
      return verifier.verify(source, document, signed);
    } catch (FormatException e) {
      throw e.in(source);
    }
  }

  @Override
  public ArtifactStream openArtifact(CatalogEntry entry, ResumePoint from) throws IOException {
    return head.openArtifact(entry, from);
  }

  @Override
  public InputStream openDocument() throws IOException {
    return head.openDocument();
  }

  @Override
  public byte[] readSignatures() throws IOException {
    return head.readSignatures();
  }
}
