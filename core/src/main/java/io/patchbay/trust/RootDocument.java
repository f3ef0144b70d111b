package io.patchbay.trust;

import io.patchbay.model.RepositoryIds;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * One version of a repository's root of trust, in the shape of TUF's root role: the keys trusted to
 * sign its catalogs, how many must sign, a version and an expiry. Version {@code N + 1} is valid
 * only if signed by the threshold of version {@code N}'s keys and of its own, so a repository
 * revokes a stolen key by publishing the next version without it ({@code docs/signing.md}).
 *
 * <p>Its text, which signatures cover byte for byte:
 *
 * <pre>
 * patchbay-root-v1
 * repository: acme-prod
 * version: 2
 * expires: 2027-12-01T00:00:00Z
 * threshold: 1
 * key: &lt;base64 of the DER SubjectPublicKeyInfo&gt;
 * </pre>
 *
 * @param repository the repository id
 * @param version the root's version, from 1
 * @param expires after this instant the root, and so every catalog under it, is refused
 * @param threshold how many of {@code keys} must sign a catalog or the next root
 * @param keys the trusted Ed25519 public keys, in the order written
 */
public record RootDocument(
    String repository, long version, Instant expires, int threshold, List<PublicKey> keys) {

  static final String TYPE = "patchbay-root-v1";

  /**
   * Checks and copies.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  public RootDocument {
    RepositoryIds.requireValid(repository);
    Objects.requireNonNull(expires, "expires");
    keys = List.copyOf(keys);
    if (version < 1) {
      throw new IllegalArgumentException("Root versions start at 1, not " + version);
    }
    policy(threshold, keys);
  }

  /** The keys and threshold as a trust policy. */
  public TrustPolicy policy() {
    return policy(threshold, keys);
  }

  /** The document's text, the bytes of whose UTF-8 are signed. */
  public String text() {
    StringBuilder text =
        new StringBuilder(TYPE)
            .append("\nrepository: ")
            .append(repository)
            .append("\nversion: ")
            .append(version)
            .append("\nexpires: ")
            .append(expires)
            .append("\nthreshold: ")
            .append(threshold)
            .append('\n');
    for (PublicKey key : keys) {
      text.append("key: ")
          .append(Base64.getEncoder().encodeToString(key.getEncoded()))
          .append('\n');
    }
    return text.toString();
  }

  /**
   * Reads a root document's text.
   *
   * @throws TrustException {@link TrustException.Refusal#MALFORMED} if it is not one
   */
  public static RootDocument parse(String source, String text) {
    SignedLines lines = SignedLines.read(source, TYPE, text);
    String repository =
        lines.convert("repository", lines.value("repository"), RepositoryIds::requireValid);
    long version = lines.number("version");
    Instant expires = lines.convert("expires", lines.value("expires"), Instant::parse);
    long threshold = lines.number("threshold");
    List<PublicKey> keys = new ArrayList<>();
    for (String key : lines.values("key")) {
      keys.add(lines.convert("key", key, RootDocument::publicKey));
    }
    lines.end();
    RootDocument root =
        lines.convert(
            "root",
            text,
            ignored ->
                new RootDocument(
                    repository,
                    version,
                    expires,
                    (int) Math.min(threshold, Integer.MAX_VALUE),
                    keys));
    if (!root.text().equals(text)) {
      throw SignedLines.malformed(source, "not in the canonical form");
    }
    return root;
  }

  private static TrustPolicy policy(int threshold, List<PublicKey> keys) {
    TrustPolicy policy = TrustPolicy.of(threshold, keys);
    if (policy.keys().size() != keys.size()) {
      throw new IllegalArgumentException("A root lists a key twice");
    }
    return policy;
  }

  private static PublicKey publicKey(String base64) {
    try {
      return KeyFactory.getInstance(Ed25519Keys.ALGORITHM)
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key", e);
    }
  }
}
