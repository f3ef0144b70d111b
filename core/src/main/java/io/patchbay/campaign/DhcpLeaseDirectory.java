package io.patchbay.campaign;

import io.patchbay.internal.Untrusted;
import io.patchbay.internal.campaign.ReloadingFile;
import io.patchbay.model.Client;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The clients a DHCP server on the gateway's LAN handed addresses to, read from its lease file:
 * dnsmasq's ({@link Format#DNSMASQ}) or ISC dhcpd's {@code dhcpd.leases} ({@link Format#ISC}). Each
 * lease that is active and not expired becomes a client, its endpoint and id made by templates with
 * the placeholders {@code {ip}}, {@code {mac}} and {@code {hostname}}: endpoint {@code
 * http://{ip}:8080} and id {@code {mac}} give {@code 52:54:00:12:34:56} at {@code
 * http://10.0.0.7:8080}.
 *
 * <p>The file is written by the DHCP server from what devices sent it, so it is untrusted: its size
 * and number of leases are bounded ({@link LeaseFileLimitException} past either), and a line or
 * lease that is malformed, or whose hostname is no valid host name when a template needs it, or
 * that maps to an invalid id or endpoint, is skipped and counted ({@link LeaseReading}), never
 * fatal. Two leases mapping to the same id (a device that moved to another address) give one
 * client: the lease that ends later.
 *
 * <p>The file is read again only when it changed (size, modification time or file); expiry is
 * checked on every call, so a lease that ends drops out without a change to the file. Thread-safe.
 */
public final class DhcpLeaseDirectory implements ClientDirectory {

  /** The lease file formats read. */
  public enum Format {
    /** dnsmasq's {@code dhcp-leasefile}: {@code EXPIRY MAC IP HOSTNAME CLIENT-ID} per line. */
    DNSMASQ,
    /** ISC dhcpd's {@code dhcpd.leases}: {@code lease IP { ... }} declarations. */
    ISC
  }

  /** The default bound of {@link Builder#maxBytes(long)}: 32 MiB. */
  public static final long DEFAULT_MAX_BYTES = 32L << 20;

  /** The default bound of {@link Builder#maxLeases(int)}. */
  public static final int DEFAULT_MAX_LEASES = 100_000;

  /** The default id template: the lease's hardware address. */
  public static final String DEFAULT_ID = "{mac}";

  private final Format format;
  private final LeaseTemplate endpoint;
  private final LeaseTemplate id;
  private final String group;
  private final long maxBytes;
  private final int maxLeases;
  private final Clock clock;
  private final Consumer<LeaseReading> listener;
  private final ReloadingFile<List<Candidate>> file;

  /** A client and the lease it came from. */
  private record Candidate(DirectoryEntry entry, Lease lease) {}

  private DhcpLeaseDirectory(Builder builder) {
    this.format = builder.format;
    this.endpoint = LeaseTemplate.parse(builder.endpoint, "endpoint");
    this.id = LeaseTemplate.parse(builder.id, "id");
    this.group = builder.group;
    this.maxBytes = builder.maxBytes;
    this.maxLeases = builder.maxLeases;
    this.clock = builder.clock;
    this.listener = builder.listener;
    this.file = new ReloadingFile<>(builder.file, this::read);
    // The group and the templates are checked now: a template that cannot make a valid client
    // from a valid lease is the caller's error, not every lease's.
    new DirectoryEntry(Client.of("group-check", URI.create("http://192.0.2.1")), group);
    Lease sample = new Lease(0, "192.0.2.1", "02:00:00:00:00:01", "device", null, null, true);
    try {
      map(sample);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "The templates make no valid client from a lease: " + e.getMessage(), e);
    }
  }

  /**
   * A builder for the lease file {@code file} in {@code format}, whose clients are reached at
   * {@code endpoint}, a template such as {@code http://{ip}:8080}.
   */
  public static Builder builder(Path file, Format format, String endpoint) {
    return new Builder(file, format, endpoint);
  }

  /** The lease file. */
  public Path file() {
    return file.file();
  }

  /**
   * The clients of the leases active now, read again if the file changed; on a read, the listener
   * is told what it found, on this thread.
   *
   * @throws IOException if the file cannot be read
   * @throws LeaseFileLimitException if it is larger or holds more leases than allowed
   */
  @Override
  public List<DirectoryEntry> clients() throws IOException {
    return select(file.get(), clock.instant(), null);
  }

  /** Reads the file on the next {@link #clients()} even if it looks unchanged. */
  public void refresh() {
    file.forget();
  }

  private List<Candidate> read(Path path) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      // One byte more than allowed tells a file at the bound from one past it, and a file that
      // grows while it is read is never read past the bound.
      bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
    }
    if (bytes.length > maxBytes) {
      throw new LeaseFileLimitException(path, LeaseFileLimitException.Limit.BYTES, maxBytes);
    }
    // Byte for byte: a name in another encoding is then simply no valid host name.
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    LeaseSet leases = new LeaseSet(path, maxLeases);
    switch (format) {
      case DNSMASQ -> DnsmasqLeases.read(text, leases);
      case ISC -> IscLeases.read(text, leases);
    }
    Instant now = clock.instant();
    List<Candidate> candidates = new ArrayList<>();
    int inactive = 0;
    for (Lease lease : leases.leases()) {
      if (!lease.liveAt(now)) {
        inactive++;
        continue;
      }
      try {
        candidates.add(new Candidate(map(lease), lease));
      } catch (IllegalArgumentException e) {
        leases.skip(lease.line(), e.getMessage());
      }
    }
    int clients = select(candidates, now, leases).size();
    listener.accept(new LeaseReading(path, clients, inactive, leases.skipped(), leases.problems()));
    return List.copyOf(candidates);
  }

  /** The lease's client, or an {@link IllegalArgumentException} saying why it has none. */
  private DirectoryEntry map(Lease lease) {
    String clientId = id.expand(lease);
    String uri = endpoint.expand(lease);
    if (clientId.length() > StaticClientDirectory.MAX_FIELD_LENGTH
        || uri.length() > StaticClientDirectory.MAX_FIELD_LENGTH) {
      throw new IllegalArgumentException(
          "id or endpoint longer than " + StaticClientDirectory.MAX_FIELD_LENGTH + " characters");
    }
    URI at;
    try {
      at = new URI(uri);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("endpoint " + Untrusted.quote(uri) + " is not a URI", e);
    }
    if (at.getScheme() == null || at.getHost() == null) {
      throw new IllegalArgumentException(
          "endpoint " + Untrusted.quote(uri) + " is not an absolute URI with a host");
    }
    return new DirectoryEntry(Client.of(clientId, at), group);
  }

  /**
   * The clients of the candidates live at {@code now}, in file order, one per id: the lease that
   * ends later (the later one in the file if they end together). Duplicates are reported to {@code
   * report} if given.
   */
  private static List<DirectoryEntry> select(
      List<Candidate> candidates, Instant now, LeaseSet report) {
    Map<String, Candidate> byId = new LinkedHashMap<>();
    for (Candidate candidate : candidates) {
      if (!candidate.lease().liveAt(now)) {
        continue;
      }
      Candidate other = byId.get(candidate.entry().id());
      if (other == null) {
        byId.put(candidate.entry().id(), candidate);
        continue;
      }
      boolean later = !endsBefore(candidate.lease(), other.lease());
      Candidate kept = later ? candidate : other;
      Candidate dropped = later ? other : candidate;
      byId.put(candidate.entry().id(), kept);
      if (report != null) {
        report.skip(
            dropped.lease().line(),
            "client id "
                + Untrusted.quote(dropped.entry().id())
                + " also from the lease at line "
                + kept.lease().line()
                + ", which ends later: that one is used");
      }
    }
    return byId.values().stream().map(Candidate::entry).toList();
  }

  private static boolean endsBefore(Lease a, Lease b) {
    return a.expires() != null && (b.expires() == null || a.expires().isBefore(b.expires()));
  }

  /** Configures a {@link DhcpLeaseDirectory}; not thread-safe. */
  public static final class Builder {
    private final Path file;
    private final Format format;
    private final String endpoint;
    private String id = DEFAULT_ID;
    private String group = DirectoryEntry.DEFAULT_GROUP;
    private long maxBytes = DEFAULT_MAX_BYTES;
    private int maxLeases = DEFAULT_MAX_LEASES;
    private Clock clock = Clock.systemUTC();
    private Consumer<LeaseReading> listener = reading -> {};

    private Builder(Path file, Format format, String endpoint) {
      this.file = Objects.requireNonNull(file, "file");
      this.format = Objects.requireNonNull(format, "format");
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    /** The template of the client id; defaults to {@link DhcpLeaseDirectory#DEFAULT_ID}. */
    public Builder id(String template) {
      this.id = Objects.requireNonNull(template, "template");
      return this;
    }

    /**
     * The group every client of this file is in, for maintenance windows; defaults to {@link
     * DirectoryEntry#DEFAULT_GROUP}. See {@link DirectoryEntry} for the rule.
     */
    public Builder group(String group) {
      this.group = Objects.requireNonNull(group, "group");
      return this;
    }

    /**
     * The largest file read, in bytes: 1 to 1 GiB; defaults to {@link
     * DhcpLeaseDirectory#DEFAULT_MAX_BYTES}.
     */
    public Builder maxBytes(long bytes) {
      if (bytes < 1 || bytes > 1L << 30) {
        throw new IllegalArgumentException("maxBytes must be from 1 to 1 GiB: " + bytes);
      }
      this.maxBytes = bytes;
      return this;
    }

    /**
     * The most leases (distinct addresses) the file may hold, active or not: at least 1; defaults
     * to {@link DhcpLeaseDirectory#DEFAULT_MAX_LEASES}.
     */
    public Builder maxLeases(int leases) {
      if (leases < 1) {
        throw new IllegalArgumentException("maxLeases must be at least 1: " + leases);
      }
      this.maxLeases = leases;
      return this;
    }

    /** The clock that tells expired leases; defaults to the system's. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Told what each reading of the file found, on the thread that called {@link
     * DhcpLeaseDirectory#clients()}; what it throws is thrown from there.
     */
    public Builder listener(Consumer<LeaseReading> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the directory; the file is read on its first {@link DhcpLeaseDirectory#clients()}.
     *
     * @throws IllegalArgumentException if a template has an unknown placeholder or an unmatched
     *     brace, or cannot make a valid client, or the group breaks {@link DirectoryEntry}'s rule
     */
    public DhcpLeaseDirectory build() {
      return new DhcpLeaseDirectory(this);
    }
  }
}
