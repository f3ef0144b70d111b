package io.patchbay.transport.http;

import io.patchbay.fetch.Artifact;
import io.patchbay.format.JsonLimits;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.EntryProof;
import io.patchbay.model.MerkleTree;
import io.patchbay.model.SignedRoot;
import io.patchbay.model.SignedStatement;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.trust.CatalogSigner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A head end's release made in memory: a catalog, its signed statement, and for each file the
 * artifact with the proof a gateway hands the device, as the orchestrator attaches it.
 */
final class SignedRelease {

  private final InMemoryCatalog headEnd;
  private final SignedStatement signed;

  private SignedRelease(InMemoryCatalog headEnd, SignedStatement signed) {
    this.headEnd = headEnd;
    this.signed = signed;
  }

  /** Starts a release of {@code repository} with {@code serial}, expiring in an hour. */
  static Builder of(String repository, long serial) {
    return new Builder(repository, serial);
  }

  /** The head end serving this release's catalog and artifacts. */
  InMemoryCatalog headEnd() {
    return headEnd;
  }

  /** The file {@code name} with its own bytes and the proof that it is this release's entry. */
  Artifact artifact(String name) {
    return artifact(name, headEnd.content(name), Optional.of(proof(name)));
  }

  /** The proof that this release's statement signs the entry {@code name}. */
  EntryProof proof(String name) {
    List<CatalogEntry> entries = List.copyOf(headEnd.catalog().entries());
    int index = entries.indexOf(headEnd.entry(name));
    return new EntryProof(signed, index, MerkleTree.of(entries).path(index));
  }

  /** An artifact that describes and carries {@code bytes} as {@code name}, with {@code proof}. */
  static Artifact artifact(String name, String version, byte[] bytes, Optional<EntryProof> proof) {
    return artifact(
        name,
        bytes,
        proof,
        CatalogEntry.of(
            name,
            version,
            InMemoryCatalog.sha256(bytes),
            bytes.length,
            URI.create("memory:" + name)));
  }

  private Artifact artifact(String name, byte[] bytes, Optional<EntryProof> proof) {
    return artifact(name, bytes, proof, headEnd.entry(name));
  }

  private static Artifact artifact(
      String name, byte[] bytes, Optional<EntryProof> proof, CatalogEntry entry) {
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

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /** Configures a {@link SignedRelease}. */
  static final class Builder {
    private final InMemoryCatalog.Builder catalog = InMemoryCatalog.builder();
    private final List<KeyPair> signers = new ArrayList<>();
    private final List<SignedRoot> roots = new ArrayList<>();

    private Builder(String repository, long serial) {
      catalog.repository(repository).serial(serial).expires(Instant.now().plusSeconds(3600));
    }

    /** When the statement expires. */
    Builder expires(Instant expires) {
      catalog.expires(expires);
      return this;
    }

    /** Adds a file. */
    Builder file(String name, String version, byte[] content) {
      catalog.file(name, version, content);
      return this;
    }

    /** Carries {@code root} in the statement's signature file and proofs. */
    Builder root(SignedRoot root) {
      roots.add(root);
      return this;
    }

    /** Signs the release with {@code keys}; its head end serves that signature file too. */
    SignedRelease signedBy(KeyPair... keys) {
      for (KeyPair key : keys) {
        signers.add(key);
        catalog.signedWith(key);
      }
      InMemoryCatalog headEnd = catalog.build();
      try (InputStream document = headEnd.openDocument()) {
        return new SignedRelease(
            headEnd,
            CatalogSigner.sign(
                CatalogSigner.statement(document, JsonLimits.defaults()), signers, roots));
      } catch (IOException e) {
        throw new UncheckedIOException("Signing in memory cannot fail", e);
      }
    }
  }
}
