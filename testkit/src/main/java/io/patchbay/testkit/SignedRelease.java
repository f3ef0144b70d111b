package io.patchbay.testkit;

import io.patchbay.fetch.Artifact;
import io.patchbay.format.CatalogJson;
import io.patchbay.format.JsonLimits;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.EntryProof;
import io.patchbay.model.MerkleTree;
import io.patchbay.model.Provenance;
import io.patchbay.model.SignedRoot;
import io.patchbay.model.SignedStatement;
import io.patchbay.trust.CatalogSigner;
import io.patchbay.trust.Ed25519Keys;
import io.patchbay.trust.RootDocument;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A catalog signed as a head end signs it, with its files' bytes, and the artifacts a gateway that
 * verified it would hand a transferer: each with its proof. Made directly, without a gateway, so
 * that tests of a device's trust can also make what no honest gateway sends (an expired statement,
 * another file's proof, a statement for another repository).
 */
public final class SignedRelease {

  /** The operator's key, which signs releases unless told otherwise. */
  public static final KeyPair OPERATOR = Ed25519Keys.generate();

  /** A second key, for thresholds and rotation. */
  public static final KeyPair SECOND = Ed25519Keys.generate();

  /** The repository releases are for unless told otherwise. */
  public static final String REPOSITORY = "acme-prod";

  private final Catalog catalog;
  private final Map<String, byte[]> contents;

  private SignedRelease(Catalog catalog, Map<String, byte[]> contents) {
    this.catalog = catalog;
    this.contents = contents;
  }

  /** Starts a release of serial {@code serial} for {@link #REPOSITORY}, signed by the operator. */
  public static Builder serial(long serial) {
    return new Builder(serial);
  }

  /** The verified catalog. */
  public Catalog catalog() {
    return catalog;
  }

  /** The artifact of file {@code name}, with its own proof. */
  public Artifact artifact(String name) {
    return artifact(name, proof(name));
  }

  /** The artifact of file {@code name}, with {@code proof} instead of its own. */
  public Artifact artifact(String name, Optional<EntryProof> proof) {
    CatalogEntry entry = catalog.find(name).orElseThrow();
    byte[] bytes = contents.get(name);
    return new Artifact() {
      @Override
      public CatalogEntry entry() {
        return entry;
      }

      @Override
      public InputStream open() {
        return new ByteArrayInputStream(bytes);
      }

      @Override
      public Optional<EntryProof> proof() {
        return proof;
      }
    };
  }

  /** The proof of file {@code name}. */
  public Optional<EntryProof> proof(String name) {
    return catalog.proofOf(catalog.find(name).orElseThrow());
  }

  /** The bytes of file {@code name}. */
  public byte[] content(String name) {
    return contents.get(name).clone();
  }

  /** Root document {@code version} of {@link #REPOSITORY}, trusting {@code keys}. */
  public static SignedRoot root(long version, List<KeyPair> keys, KeyPair... signers) {
    List<PublicKey> trusted = keys.stream().map(KeyPair::getPublic).toList();
    return CatalogSigner.sign(
        new RootDocument(REPOSITORY, version, Instant.now().plus(Duration.ofDays(30)), 1, trusted),
        List.of(signers));
  }

  /** Configures a {@link SignedRelease}. */
  public static final class Builder {
    private final long serial;
    private String repository = REPOSITORY;
    private Instant expires = Instant.now().plus(Duration.ofDays(1));
    private List<KeyPair> signers = List.of(OPERATOR);
    private List<SignedRoot> roots = List.of();
    private final List<CatalogEntry> entries = new ArrayList<>();
    private final Map<String, byte[]> contents = new LinkedHashMap<>();

    private Builder(long serial) {
      this.serial = serial;
    }

    /** The repository the release is for; default {@link #REPOSITORY}. */
    public Builder repository(String id) {
      this.repository = id;
      return this;
    }

    /** When its statement expires; default a day from now. */
    public Builder expires(Instant when) {
      this.expires = when;
      return this;
    }

    /** The keys that sign its statement; default {@link #OPERATOR}. */
    public Builder signedBy(KeyPair... keys) {
      this.signers = List.of(keys);
      return this;
    }

    /** The root documents its signature file carries; default none. */
    public Builder roots(SignedRoot... documents) {
      this.roots = List.of(documents);
      return this;
    }

    /** Adds a file whose bytes are its name and version, repeated to span several blocks. */
    public Builder file(String name, String version) {
      byte[] bytes = (name + " " + version + "\n").repeat(200).getBytes(StandardCharsets.UTF_8);
      entries.add(
          CatalogEntry.of(
              name,
              version,
              InMemoryCatalog.sha256(bytes),
              bytes.length,
              URI.create("artifacts/" + name)));
      contents.put(name, bytes);
      return this;
    }

    /**
     * The release.
     *
     * @throws IOException never in practice: the catalog is written to memory
     */
    public SignedRelease build() throws IOException {
      Catalog catalog = Catalog.of(serial, expires, "semver", entries).withRepository(repository);
      ByteArrayOutputStream document = new ByteArrayOutputStream();
      CatalogJson.write(catalog, document);
      SignedStatement signed =
          CatalogSigner.sign(
              CatalogSigner.statement(
                  new ByteArrayInputStream(document.toByteArray()), JsonLimits.defaults()),
              signers,
              roots);
      return new SignedRelease(
          catalog.withProvenance(new Provenance(signed, MerkleTree.of(catalog.entries()))),
          contents);
    }
  }
}
