package io.patchbay.trust;

import io.patchbay.catalog.CentralCatalog;
import io.patchbay.format.CatalogJson;
import io.patchbay.format.FormatException;
import io.patchbay.format.JsonLimits;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.Catalog;
import io.patchbay.model.MerkleTree;
import io.patchbay.model.Provenance;
import io.patchbay.model.Sha256;
import io.patchbay.model.SignedStatement;
import io.patchbay.trust.TrustException.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Decides whether a gateway may use a catalog, and makes what devices need to check its files. In
 * order: the root documents walk from the trusted one (key rotation); enough trusted keys signed
 * the statement ({@link TrustPolicy}); it is for this gateway's repository, not expired, and not
 * older than (or another statement under the same serial as) the last one accepted ({@link
 * SerialStore}); only then is the catalog document read: spooled under the size limit and hashed,
 * it must have the SHA-256 the statement names before it is parsed, and then the statement's
 * repository, serial, expiry, entry count and Merkle root. Each failure is a {@link
 * TrustException}; an accepted catalog carries its {@link Provenance}.
 *
 * <p>Thread-safe; built with {@link #builder(TrustPolicy, String)}. Most gateways use it through
 * {@link #guard(URI, CentralCatalog)}.
 */
public final class CatalogVerifier {

  private final StatementVerifier statements;
  private final JsonLimits limits;
  private final Path spoolDirectory;

  private CatalogVerifier(Builder builder) {
    this.statements = builder.statements();
    this.limits = builder.limits;
    this.spoolDirectory = builder.spoolDirectory;
  }

  /**
   * A verifier for catalogs of {@code repository} signed under {@code pinned} (or a root document
   * that follows from it); see {@link Builder} for the defaults.
   *
   * @throws IllegalArgumentException if the repository id is invalid
   */
  public static Builder builder(TrustPolicy pinned, String repository) {
    return new Builder(pinned, repository);
  }

  /** {@code head}'s catalogs at {@code catalogUri}, used only once this verifier accepts them. */
  public TrustedCatalog guard(URI catalogUri, CentralCatalog head) {
    return new TrustedCatalog(catalogUri.toString(), head, this);
  }

  /**
   * Checks {@code signed}, then reads the catalog document from {@code document} (to its end) and
   * returns it with its provenance, or throws without returning anything from it. Records the
   * accepted statement in the serial store before returning.
   *
   * @param source where the catalog came from, for messages
   * @param signed the catalog's signature file
   * @throws TrustException if the statement, its roots or the document break a rule
   * @throws FormatException if the document is the signed one but malformed
   * @throws IOException if reading the document or recording the serial fails
   */
  public Catalog verify(String source, InputStream document, SignedStatement signed)
      throws IOException {
    StatementVerifier.Checked checked = statements.check(source, signed);
    CatalogStatement statement = checked.statement();
    if (statement.entries() > limits.maxEntries()) {
      throw FormatException.tooLarge(
              "the statement signs "
                  + statement.entries()
                  + " entries, more than the limit of "
                  + limits.maxEntries())
          .in(source);
    }
    // Nothing of the document is parsed before its bytes are known to be the signed ones: it is
    // spooled to a private file under the size limit while hashed, compared, and only then read.
    Path spool = Files.createTempFile(spoolDirectory, "catalog-", ".json");
    try {
      Sha256 digest = spool(source, document, spool);
      if (!digest.equals(statement.catalog())) {
        throw notSigned(
            source,
            "its SHA-256 is "
                + digest.hex()
                + ", the statement signs "
                + statement.catalog().hex());
      }
      Catalog catalog;
      try (InputStream in = Files.newInputStream(spool)) {
        catalog = CatalogJson.read(in, limits);
      }
      MerkleTree tree = MerkleTree.of(catalog.entries());
      requireSame(source, "repository", statement.repository(), catalog.repository());
      requireSame(source, "serial", statement.serial(), catalog.serial());
      requireSame(source, "expiry", statement.expires(), catalog.expires());
      requireSame(source, "entry count", statement.entries(), (long) tree.size());
      requireSame(source, "Merkle root", statement.root(), tree.root());
      statements.accept(source, checked);
      return catalog.withProvenance(new Provenance(signed, tree));
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  /** Copies {@code document} to {@code spool}, failing past the size limit, and hashes it. */
  private Sha256 spool(String source, InputStream document, Path spool) throws IOException {
    MessageDigest sha256 = VerifyingCopy.newSha256();
    long limit = limits.maxDocumentBytes();
    long copied = 0;
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(spool)) {
      for (int n; (n = document.read(buffer)) >= 0; ) {
        copied += n;
        if (copied > limit) {
          throw FormatException.tooLarge("more than " + limit + " bytes").in(source);
        }
        sha256.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    }
    return Sha256.of(sha256.digest());
  }

  private static void requireSame(String source, String what, Object signed, Object document) {
    if (!Objects.equals(signed, document)) {
      throw notSigned(
          source, "its " + what + " is " + document + ", the statement signs " + signed);
    }
  }

  private static TrustException notSigned(String source, String why) {
    return new TrustException(
        source,
        Refusal.NOT_SIGNED,
        "Catalog " + source + " is not the one its statement signs: " + why);
  }

  /** Configures a {@link CatalogVerifier}. */
  public static final class Builder extends VerifierBuilder<Builder> {
    private JsonLimits limits = JsonLimits.defaults();
    private Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"));

    private Builder(TrustPolicy policy, String repository) {
      super(policy, repository);
    }

    @Override
    Builder self() {
      return this;
    }

    /** Limits for reading catalogs; default {@link JsonLimits#defaults()}. */
    public Builder limits(JsonLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Where a catalog document is kept while it is hashed, before it is parsed; default {@code
     * java.io.tmpdir}. Each file is private to this user (mode 0600 where POSIX) and deleted once
     * the catalog is read; it takes up to {@link JsonLimits#maxDocumentBytes()}.
     */
    public Builder spoolDirectory(Path directory) {
      this.spoolDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** The verifier. */
    public CatalogVerifier build() {
      return new CatalogVerifier(this);
    }
  }
}
