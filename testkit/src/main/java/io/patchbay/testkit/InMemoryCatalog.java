package io.patchbay.testkit;

import io.patchbay.catalog.ArtifactStream;
import io.patchbay.catalog.CentralCatalog;
import io.patchbay.catalog.ResumePoint;
import io.patchbay.format.CatalogJson;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.RepositoryIds;
import io.patchbay.model.Sha256;
import io.patchbay.model.Targeting;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A head end in memory: a catalog built from byte arrays, which counts how often each artifact is
 * opened and can be told to misbehave (serve corrupt bytes, fail). It serves its catalog document
 * too, signed with the keys given to {@link Builder#signedWith(KeyPair)}, for testing trusted
 * catalogs ({@code io.patchbay.trust}).
 *
 * <p>Thread-safe.
 */
public final class InMemoryCatalog implements CentralCatalog {

  private final Catalog catalog;
  private final byte[] document;
  private final byte[] signatures;
  private final Map<String, byte[]> contents;
  private final Map<String, byte[]> served = new ConcurrentHashMap<>();
  private final Map<String, List<Long>> opens = new ConcurrentHashMap<>();
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile IOException fetchFailure;

  private InMemoryCatalog(
      Catalog catalog, byte[] document, byte[] signatures, Map<String, byte[]> contents) {
    this.catalog = catalog;
    this.document = document;
    this.signatures = signatures;
    this.contents = Map.copyOf(contents);
  }

  /** Starts a catalog with serial 1 in the {@code semver} scheme. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Catalog fetch() throws IOException {
    fetches.incrementAndGet();
    IOException failure = fetchFailure;
    if (failure != null) {
      throw failure;
    }
    return catalog;
  }

  /**
   * Serves the artifact from {@code from.offset()} on, or whole if the offset is past its end;
   * validators are neither given nor checked.
   */
  @Override
  public ArtifactStream openArtifact(CatalogEntry entry, ResumePoint from) throws IOException {
    opens.computeIfAbsent(entry.name(), name -> new CopyOnWriteArrayList<>()).add(from.offset());
    byte[] bytes = served.getOrDefault(entry.name(), contents.get(entry.name()));
    if (bytes == null) {
      throw new IOException("No artifact for " + entry.name());
    }
    int start = from.offset() <= bytes.length ? (int) from.offset() : 0;
    return ArtifactStream.of(new ByteArrayInputStream(bytes, start, bytes.length - start), start);
  }

  /** The catalog document, as {@link io.patchbay.format.CatalogJson} writes the catalog. */
  @Override
  public InputStream openDocument() {
    return new ByteArrayInputStream(document);
  }

  /**
   * The signature file over {@link #openDocument()}'s bytes.
   *
   * @throws FileNotFoundException if the builder was given no key to sign with
   */
  @Override
  public byte[] readSignatures() throws IOException {
    if (signatures == null) {
      throw new FileNotFoundException("The catalog is not signed");
    }
    return signatures.clone();
  }

  /** The catalog as {@link #fetch()} returns it. */
  public Catalog catalog() {
    return catalog;
  }

  /** The catalog's entry for {@code name}. */
  public CatalogEntry entry(String name) {
    return catalog.find(name).orElseThrow(() -> new IllegalArgumentException("No entry " + name));
  }

  /** The true bytes of {@code name}'s artifact. */
  public byte[] content(String name) {
    return contents.get(name).clone();
  }

  /** From now on serves {@code bytes} for {@code name}, whatever the catalog's digest says. */
  public InMemoryCatalog serve(String name, byte[] bytes) {
    served.put(name, bytes.clone());
    return this;
  }

  /** From now on every {@link #fetch()} fails with {@code failure}; {@code null} heals it. */
  public InMemoryCatalog failFetch(IOException failure) {
    this.fetchFailure = failure;
    return this;
  }

  /** How often the artifact of {@code name} was opened. */
  public int openCount(String name) {
    return openOffsets(name).size();
  }

  /** The offset each open of the artifact of {@code name} asked to start at, in order. */
  public List<Long> openOffsets(String name) {
    List<Long> offsets = opens.get(name);
    return offsets == null ? List.of() : List.copyOf(offsets);
  }

  /** How often the catalog was fetched. */
  public int fetchCount() {
    return fetches.get();
  }

  /** Configures an {@link InMemoryCatalog}; not thread-safe. */
  public static final class Builder {
    private long serial = 1;
    private String repository = "testkit";
    private Instant expires;
    private String versionScheme = "semver";
    private final List<CatalogEntry> entries = new ArrayList<>();
    private final Map<String, byte[]> contents = new LinkedHashMap<>();
    private final List<KeyPair> signers = new ArrayList<>();

    private Builder() {}

    /** Signs the catalog document with {@code key} too; by default it is not signed. */
    public Builder signedWith(KeyPair key) {
      signers.add(Objects.requireNonNull(key));
      return this;
    }

    /** The repository id the catalog names; defaults to {@code testkit}. */
    public Builder repository(String id) {
      this.repository = RepositoryIds.requireValid(id);
      return this;
    }

    /** The catalog's serial; defaults to 1. */
    public Builder serial(long serial) {
      this.serial = serial;
      return this;
    }

    /** When the catalog expires; defaults to never. */
    public Builder expires(Instant expires) {
      this.expires = expires;
      return this;
    }

    /** The catalog's version scheme; defaults to {@code semver}. */
    public Builder versionScheme(String versionScheme) {
      this.versionScheme = Objects.requireNonNull(versionScheme);
      return this;
    }

    /** Adds a file whose content is its name and version, as text. */
    public Builder file(String name, String version) {
      return file(name, version, (name + " " + version).getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a file with this content, for every client. */
    public Builder file(String name, String version, byte[] content) {
      return file(name, version, content, null, Targeting.ANY);
    }

    /** Adds a file with this content, its own version scheme (or {@code null}) and targeting. */
    public Builder file(
        String name, String version, byte[] content, String scheme, Targeting targeting) {
      entries.add(
          new CatalogEntry(
              name,
              version,
              sha256(content),
              content.length,
              URI.create("memory:" + name),
              scheme,
              targeting));
      contents.put(name, content.clone());
      return this;
    }

    /** Builds the head end. */
    public InMemoryCatalog build() {
      Catalog catalog =
          Catalog.of(serial, expires, versionScheme, entries).withRepository(repository);
      try {
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        CatalogJson.write(catalog, document);
        byte[] signatures =
            signers.isEmpty() ? null : SignatureFiles.of(document.toByteArray(), signers);
        return new InMemoryCatalog(catalog, document.toByteArray(), signatures, contents);
      } catch (IOException e) {
        throw new UncheckedIOException("Writing to memory cannot fail", e);
      }
    }
  }

  /** The SHA-256 of {@code bytes}. */
  public static Sha256 sha256(byte[] bytes) {
    return Sha256.of(VerifyingCopy.newSha256().digest(bytes));
  }
}
