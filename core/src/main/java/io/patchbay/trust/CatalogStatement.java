package io.patchbay.trust;

import io.patchbay.model.RepositoryIds;
import io.patchbay.model.Sha256;
import java.time.Instant;
import java.util.Objects;

/**
 * What a head end signs about one catalog: which repository it is for, its serial and expiry, the
 * SHA-256 of the catalog document's bytes, and the number of entries and Merkle root over them
 * ({@link io.patchbay.model.MerkleTree}). A gateway checks the document against it; a device checks
 * one file against the root with an inclusion proof, never seeing the catalog.
 *
 * <p>Its text, which signatures cover byte for byte ({@code docs/signing.md}):
 *
 * <pre>
 * patchbay-catalog-v2
 * repository: acme-prod
 * serial: 42
 * expires: 2026-12-08T00:00:00Z
 * catalog: sha256:&lt;hex&gt;
 * entries: 3
 * root: sha256:&lt;hex&gt;
 * </pre>
 *
 * @param repository the repository id the catalog is for
 * @param serial the catalog's serial
 * @param expires when the catalog stops being valid, or {@code null} for never
 * @param catalog the SHA-256 of the catalog document's bytes
 * @param entries how many files the catalog lists
 * @param root the Merkle root over the catalog's entries
 */
public record CatalogStatement(
    String repository, long serial, Instant expires, Sha256 catalog, long entries, Sha256 root) {

  static final String TYPE = "patchbay-catalog-v2";
  private static final String NEVER = "never";

  /**
   * Checks.
   *
   * @throws IllegalArgumentException if the repository id is invalid or a number negative
   */
  public CatalogStatement {
    RepositoryIds.requireValid(repository);
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(root, "root");
    if (serial < 0 || entries < 0) {
      throw new IllegalArgumentException("Serial and entries must not be negative");
    }
  }

  /** The statement's text, the bytes of whose UTF-8 are signed. */
  public String text() {
    return TYPE
        + "\nrepository: "
        + repository
        + "\nserial: "
        + serial
        + "\nexpires: "
        + (expires == null ? NEVER : expires.toString())
        + "\ncatalog: sha256:"
        + catalog.hex()
        + "\nentries: "
        + entries
        + "\nroot: sha256:"
        + root.hex()
        + "\n";
  }

  /**
   * Reads a statement's text.
   *
   * @throws TrustException {@link TrustException.Refusal#MALFORMED} if it is not one
   */
  public static CatalogStatement parse(String source, String text) {
    SignedLines lines = SignedLines.read(source, TYPE, text);
    String repository =
        lines.convert("repository", lines.value("repository"), RepositoryIds::requireValid);
    long serial = lines.number("serial");
    String expires = lines.value("expires");
    Instant expiry =
        expires.equals(NEVER) ? null : lines.convert("expires", expires, Instant::parse);
    Sha256 catalog = lines.convert("catalog", lines.value("catalog"), CatalogStatement::digest);
    long entries = lines.number("entries");
    Sha256 root = lines.convert("root", lines.value("root"), CatalogStatement::digest);
    lines.end();
    CatalogStatement statement =
        new CatalogStatement(repository, serial, expiry, catalog, entries, root);
    if (!statement.text().equals(text)) {
      // One statement, one text: no second spelling of the same values (say upper-case hex).
      throw SignedLines.malformed(source, "not in the canonical form");
    }
    return statement;
  }

  /** Tells whether this statement has expired at {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return expires != null && !now.isBefore(expires);
  }

  private static Sha256 digest(String value) {
    if (!value.startsWith("sha256:")) {
      throw new IllegalArgumentException("not sha256:<hex>");
    }
    return Sha256.parse(value.substring("sha256:".length()));
  }
}
