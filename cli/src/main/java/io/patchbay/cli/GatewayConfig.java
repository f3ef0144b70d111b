package io.patchbay.cli;

import com.fasterxml.jackson.core.JsonToken;
import io.patchbay.campaign.DhcpLeaseDirectory;
import io.patchbay.campaign.DirectoryEntry;
import io.patchbay.campaign.LeaseReading;
import io.patchbay.campaign.MaintenanceWindow;
import io.patchbay.campaign.WavePlan;
import io.patchbay.campaign.postgres.PostgresCampaignStore;
import io.patchbay.cli.GatewayYaml.Mapping;
import io.patchbay.cli.GatewayYaml.Node;
import io.patchbay.cli.GatewayYaml.Scalar;
import io.patchbay.cli.GatewayYaml.Sequence;
import io.patchbay.transport.http.InvalidTlsFileException;
import io.patchbay.transport.http.RequestAuthenticator;
import io.patchbay.transport.http.TlsConfig;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration of {@code patchbay gateway}, read from one YAML file and validated whole at
 * start: every error names the file, the line and the key (docs/gateway.md is the reference).
 * Relative paths are resolved against the file's directory.
 *
 * @param clients where the clients are listed
 * @param devices how the gateway authenticates itself to the clients
 * @param stateDir where journals, the artifact cache and the accepted serials are kept
 * @param store a campaign state shared with other gateways, if any; else journals in {@code
 *     stateDir}
 * @param windows maintenance windows by client group
 * @param admin where the admin endpoint listens, if it is on
 */
record GatewayConfig(
    HeadEnd headEnd,
    Clients clients,
    Devices devices,
    Path stateDir,
    WavePlan waves,
    Map<String, MaintenanceWindow> windows,
    Limits limits,
    Optional<InetSocketAddress> admin,
    Duration shutdownGrace,
    Optional<Store> store) {

  /** The admin endpoint's address when it is on and none is given: loopback only. */
  static final String DEFAULT_ADMIN_LISTEN = "127.0.0.1:9464";

  /**
   * The head end and how its catalogs are trusted.
   *
   * @param trust public key files; empty only with {@code allowUnsigned}
   * @param token the bearer token sent to the catalog's origin, if any
   * @param artifactOrigins origins besides the catalog's that artifacts may come from
   */
  record HeadEnd(
      URI catalog,
      List<Path> trust,
      int threshold,
      String repository,
      boolean allowUnsigned,
      boolean allowNoExpiry,
      Duration pollInterval,
      Optional<RequestAuthenticator> token,
      List<URI> artifactOrigins) {
    HeadEnd {
      trust = List.copyOf(trust);
      artifactOrigins = List.copyOf(artifactOrigins);
    }
  }

  /**
   * How the gateway authenticates itself to its HTTPS and HTTP clients (docs/tls.md).
   *
   * @param tls mutual TLS with HTTPS clients, if configured
   * @param token the bearer token sent to every client, if any
   */
  record Devices(Optional<TlsConfig> tls, Optional<RequestAuthenticator> token) {
    /** No TLS and no token: the transports' defaults. */
    static final Devices NONE = new Devices(Optional.empty(), Optional.empty());
  }

  /**
   * Campaigns kept in PostgreSQL, shared by every gateway configured with the same {@code url} and
   * {@code name} (docs/campaigns.md): each catalog's campaign is {@code NAME-SERIAL}, so that the
   * gateways of a region run it together.
   *
   * @param credentials a properties file with {@code user} and {@code password}; if absent, the
   *     environment's or the driver's ({@link StoreCredentials})
   * @param workerId what this gateway's leases carry, if not the default (host, process, random)
   * @param leaseDuration how long a dead gateway's clients wait before another takes them
   */
  record Store(
      String url,
      String name,
      Optional<Path> credentials,
      Optional<String> workerId,
      Duration leaseDuration) {

    /**
     * The store of the campaign {@code label} (a serial, and for later campaigns the digest of
     * their clients), with the credentials found now.
     *
     * @throws IOException if the credentials file cannot be read
     */
    PostgresCampaignStore open(String label, UnaryOperator<String> environment) throws IOException {
      PostgresCampaignStore.Builder builder =
          PostgresCampaignStore.builder()
              .url(url)
              .campaign(name + "-" + label)
              .leaseDuration(leaseDuration);
      workerId.ifPresent(builder::workerId);
      return StoreCredentials.apply(builder, credentials.orElse(null), environment).build();
    }
  }

  /** What the head end's and the devices' settings set in the transports. */
  TransportSettings transport() {
    return new TransportSettings(
        devices.tls(), headEnd.artifactOrigins(), headEnd.token(), devices.token());
  }

  /**
   * The client sources, at least one; their clients are combined, the file's first.
   *
   * @param file the static clients file (JSON or CSV, as {@link
   *     io.patchbay.campaign.StaticClientDirectory} reads it), if any
   * @param leases DHCP lease files, in the order given
   */
  record Clients(Optional<Path> file, List<Leases> leases) {
    Clients {
      leases = List.copyOf(leases);
    }
  }

  /**
   * A DHCP lease file as a client source ({@link DhcpLeaseDirectory}), already checked to build.
   *
   * @param endpoint the template of each client's endpoint, such as {@code http://{ip}:8080}
   * @param id the template of each client's id
   */
  record Leases(
      Path file,
      DhcpLeaseDirectory.Format format,
      String endpoint,
      String id,
      String group,
      long maxBytes,
      int maxLeases) {

    Leases withId(String template) {
      return new Leases(file, format, endpoint, template, group, maxBytes, maxLeases);
    }

    Leases withGroup(String name) {
      return new Leases(file, format, endpoint, id, name, maxBytes, maxLeases);
    }

    /** A directory of this lease file, telling {@code listener} what each reading found. */
    DhcpLeaseDirectory directory(Consumer<LeaseReading> listener) {
      return DhcpLeaseDirectory.builder(file, format, endpoint)
          .id(id)
          .group(group)
          .maxBytes(maxBytes)
          .maxLeases(maxLeases)
          .listener(listener)
          .build();
    }
  }

  /**
   * Bounds on what the gateway does at once.
   *
   * @param maxTransfers transfers at once across clients, 0 for no limit beyond the clients'
   * @param bandwidth bytes per second shared by all transfers, 0 for no budget
   */
  record Limits(int maxClients, int maxTransfers, long bandwidth, long cacheSize) {}

  /** The configuration file is invalid; the message has a line per error. */
  static final class InvalidConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The errors, each {@code FILE: line N: KEY: reason}. */
    final List<String> errors;

    InvalidConfigException(List<String> errors) {
      super(String.join("\n", errors));
      this.errors = List.copyOf(errors);
    }
  }

  /**
   * Reads and validates {@code file}.
   *
   * @throws IOException if the file cannot be read
   * @throws InvalidConfigException naming every invalid or missing key, with its line
   */
  static GatewayConfig read(Path file) throws IOException, InvalidConfigException {
    Node root;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = GatewayYaml.read(in);
    } catch (GatewayYaml.SyntaxException e) {
      throw new InvalidConfigException(
          List.of(file + ": line " + e.line + ": not YAML: " + e.getMessage()));
    }
    Path base = file.toAbsolutePath().getParent();
    Keys keys = new Keys(file.toString(), base);
    GatewayConfig config = keys.config(root);
    if (!keys.errors.isEmpty()) {
      throw new InvalidConfigException(keys.errors);
    }
    return config;
  }

  /** Walks the tree, collecting every error rather than stopping at the first. */
  private static final class Keys {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final long MAX_LEASE_FILE = 1L << 30;
    private static final Pattern CAMPAIGN_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    final String source;
    final Path base;
    final List<String> errors = new ArrayList<>();

    Keys(String source, Path base) {
      this.source = source;
      this.base = base;
    }

    void error(Node at, String key, String reason) {
      errors.add(source + ": line " + at.line() + ": " + key + ": " + reason);
    }

    GatewayConfig config(Node root) {
      Section top = section(root, "");
      if (top == null) {
        return null;
      }
      HeadEnd headEnd = headEnd(top);
      Section clientsSection = top.section("clients", true);
      Clients clients = clientsSection == null ? null : clients(clientsSection);
      Devices devices = devices(top);
      Path stateDir = top.path("stateDir", true);
      WavePlan waves = waves(top);
      Map<String, MaintenanceWindow> windows = windows(top);
      Limits limits = limits(top);
      Optional<InetSocketAddress> admin = admin(top);
      Duration grace =
          top.duration("shutdownGrace", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1));
      Optional<Store> store = store(top);
      top.done();
      return new GatewayConfig(
          headEnd, clients, devices, stateDir, waves, windows, limits, admin, grace, store);
    }

    private HeadEnd headEnd(Section top) {
      Section head = top.section("headEnd", true);
      if (head == null) {
        return null;
      }
      URI catalog = head.url("catalog");
      List<Path> trust = head.paths("trust");
      int threshold = head.integer("threshold", 1, 1, Math.max(1, trust.size()));
      String repository = head.string("repository", null);
      int before = errors.size();
      boolean allowUnsigned = head.bool("allowUnsigned", false);
      boolean unsignedValid = errors.size() == before;
      boolean allowNoExpiry = head.bool("allowNoExpiry", false);
      Duration poll =
          head.duration(
              "pollInterval", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofDays(1));
      Optional<RequestAuthenticator> token = head.token("tokenFile");
      List<URI> origins = head.origins("artifactOrigins");
      if (trust.isEmpty() && !allowUnsigned && unsignedValid) {
        error(
            head.node,
            "headEnd.trust",
            "no keys to verify the catalog with: give trust and repository, or allowUnsigned: true"
                + " for a lab");
      }
      if (!trust.isEmpty() && repository == null) {
        error(
            head.node,
            "headEnd.repository",
            "missing: a signature binds a catalog to one repository");
      }
      head.done();
      return new HeadEnd(
          catalog,
          trust,
          threshold,
          repository,
          allowUnsigned,
          allowNoExpiry,
          poll,
          token,
          origins);
    }

    private Optional<Store> store(Section top) {
      Section store = top.section("store", false);
      if (store == null) {
        return Optional.empty();
      }
      Node urlNode = store.left.get("url");
      String url = store.string("url", null);
      Node nameNode = store.left.get("name");
      String name = store.string("name", null);
      Path credentials = store.path("credentials", false);
      Node credentialsNode = store.node.entries().get("credentials");
      Node workerNode = store.left.get("workerId");
      String workerId = store.string("workerId", null);
      Duration lease =
          store.duration(
              "leaseDuration", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1));
      store.done();
      if (url == null) {
        error(store.node, store.key("url"), "missing: a jdbc:postgresql: URL");
      }
      if (name == null) {
        error(
            store.node, store.key("name"), "missing: every gateway of the campaign gives the same");
      } else if (!CAMPAIGN_NAME.matcher(name).matches()) {
        error(nameNode, store.key("name"), "not 1 to 64 letters, digits, '.', '_' or '-': " + name);
        name = null;
      }
      if (credentials != null && !Files.isReadable(credentials)) {
        error(credentialsNode, store.key("credentials"), "cannot read " + credentials);
      }
      PostgresCampaignStore.Builder check = PostgresCampaignStore.builder();
      if (url != null) {
        try {
          check.url(url);
        } catch (IllegalArgumentException e) {
          error(urlNode, store.key("url"), e.getMessage());
          url = null;
        }
      }
      if (workerId != null) {
        try {
          check.workerId(workerId);
        } catch (IllegalArgumentException e) {
          error(workerNode, store.key("workerId"), e.getMessage());
        }
      }
      if (url == null || name == null) {
        return Optional.empty();
      }
      return Optional.of(
          new Store(
              url, name, Optional.ofNullable(credentials), Optional.ofNullable(workerId), lease));
    }

    private Devices devices(Section top) {
      Section devices = top.section("devices", false);
      if (devices == null) {
        return Devices.NONE;
      }
      Optional<TlsConfig> tls = Optional.empty();
      Section tlsSection = devices.section("tls", false);
      if (tlsSection != null) {
        tls = tls(tlsSection);
      }
      Optional<RequestAuthenticator> token = devices.token("tokenFile");
      devices.done();
      return new Devices(tls, token);
    }

    /** Mutual TLS with HTTPS clients, as {@code --tls-*} sets it ({@link TlsOptions}). */
    private Optional<TlsConfig> tls(Section tls) {
      Map<String, Node> files = new LinkedHashMap<>(tls.left);
      Path certificate = tls.path("cert", false);
      Path key = tls.path("key", false);
      Path ca = tls.path("ca", false);
      tls.done();
      if ((certificate == null) != (key == null)) {
        error(
            tls.node, tls.key(certificate == null ? "cert" : "key"), "missing: give cert and key");
        return Optional.empty();
      }
      if (ca == null) {
        error(tls.node, tls.key("ca"), "missing: the CA the clients' certificates come from");
        return Optional.empty();
      }
      try {
        TlsConfig.Builder builder = TlsConfig.builder(ca);
        if (certificate != null) {
          builder.identity(certificate, key);
        }
        return Optional.of(builder.build());
      } catch (InvalidTlsFileException e) {
        String name = e.file().equals(ca) ? "ca" : e.file().equals(certificate) ? "cert" : "key";
        error(files.getOrDefault(name, tls.node), tls.key(name), e.getMessage());
        return Optional.empty();
      }
    }

    private Clients clients(Section clients) {
      int before = errors.size();
      Path file = clients.path("file", false);
      List<Leases> leases = new ArrayList<>();
      Node node = clients.take("leases");
      if (node instanceof Sequence list) {
        for (int i = 0; i < list.items().size(); i++) {
          Section source = section(list.items().get(i), "clients.leases[" + i + "]");
          if (source != null) {
            Leases lease = leases(source);
            if (lease != null) {
              leases.add(lease);
            }
          }
        }
      } else if (node != null) {
        error(node, "clients.leases", "not a list of lease files");
      }
      clients.done();
      if (file == null && leases.isEmpty() && errors.size() == before) {
        error(clients.node, "clients", "no client source: give file, leases or both");
      }
      return new Clients(Optional.ofNullable(file), leases);
    }

    private Leases leases(Section source) {
      Path file = source.path("file", true);
      Scalar formatValue = source.scalar("format");
      DhcpLeaseDirectory.Format format = null;
      if (formatValue == null) {
        error(source.node, source.key("format"), "missing: dnsmasq or isc");
      } else {
        format =
            switch (formatValue.text().strip().toLowerCase(Locale.ROOT)) {
              case "dnsmasq" -> DhcpLeaseDirectory.Format.DNSMASQ;
              case "isc" -> DhcpLeaseDirectory.Format.ISC;
              default -> {
                error(
                    formatValue, source.key("format"), "not dnsmasq or isc: " + formatValue.text());
                yield null;
              }
            };
      }
      Scalar endpointValue = source.scalar("endpoint");
      if (endpointValue == null) {
        error(source.node, source.key("endpoint"), "missing: a template such as http://{ip}:8080");
      }
      Scalar idValue = source.scalar("id");
      Scalar groupValue = source.scalar("group");
      Node maxBytesValue = source.node.entries().get("maxBytes");
      long maxBytes = source.size("maxBytes", DhcpLeaseDirectory.DEFAULT_MAX_BYTES);
      if (maxBytes > MAX_LEASE_FILE) {
        error(maxBytesValue, source.key("maxBytes"), "more than 1g");
        maxBytes = DhcpLeaseDirectory.DEFAULT_MAX_BYTES;
      }
      int maxLeases =
          source.integer("maxLeases", DhcpLeaseDirectory.DEFAULT_MAX_LEASES, 1, 10_000_000);
      source.done();
      if (format == null || endpointValue == null) {
        return null;
      }
      // The templates and the group are checked one by one, so that an error names its key; the
      // file is not read, so one that is missing does not stop the checks.
      Leases lease =
          new Leases(
              file == null ? base : file,
              format,
              endpointValue.text().strip(),
              DhcpLeaseDirectory.DEFAULT_ID,
              DirectoryEntry.DEFAULT_GROUP,
              maxBytes,
              maxLeases);
      if (!builds(lease, endpointValue, source.key("endpoint"))) {
        return null;
      }
      if (idValue != null) {
        lease = lease.withId(idValue.text().strip());
        if (!builds(lease, idValue, source.key("id"))) {
          return null;
        }
      }
      if (groupValue != null) {
        lease = lease.withGroup(groupValue.text().strip());
        if (!builds(lease, groupValue, source.key("group"))) {
          return null;
        }
      }
      return file == null ? null : lease;
    }

    /** Whether {@code lease} builds a directory; if not, the error is at {@code key}. */
    private boolean builds(Leases lease, Scalar at, String key) {
      try {
        lease.directory(reading -> {});
        return true;
      } catch (IllegalArgumentException e) {
        error(at, key, e.getMessage());
        return false;
      }
    }

    private WavePlan waves(Section top) {
      Section waves = top.section("waves", false);
      if (waves == null) {
        return WavePlan.defaults();
      }
      WavePlan.Builder plan = WavePlan.builder();
      Scalar canary = waves.scalar("canary");
      if (canary != null) {
        String text = canary.text().strip();
        try {
          if (text.endsWith("%")) {
            plan.canaryPercent(Double.parseDouble(text.substring(0, text.length() - 1)));
          } else {
            plan.canaryClients(Integer.parseInt(text));
          }
        } catch (NumberFormatException e) {
          error(canary, "waves.canary", "not a number of clients or a percentage: " + text);
        }
      }
      plan.growth(waves.number("growth", 2));
      plan.successThreshold(waves.number("successThreshold", 0.95));
      plan.errorLimit(waves.number("errorLimit", 0.05));
      waves.done();
      try {
        return plan.build();
      } catch (IllegalArgumentException e) {
        error(waves.node, "waves", e.getMessage());
        return WavePlan.defaults();
      }
    }

    private Map<String, MaintenanceWindow> windows(Section top) {
      Map<String, MaintenanceWindow> windows = new LinkedHashMap<>();
      Node node = top.take("windows");
      if (node == null) {
        return windows;
      }
      if (!(node instanceof Sequence list)) {
        error(node, "windows", "not a list of windows");
        return windows;
      }
      for (int i = 0; i < list.items().size(); i++) {
        Section window = section(list.items().get(i), "windows[" + i + "]");
        if (window == null) {
          continue;
        }
        String group = window.string("group", null);
        if (group == null) {
          error(window.node, window.key("group"), "missing");
        }
        Set<DayOfWeek> days = window.days("days");
        LocalTime start = window.time("start");
        LocalTime end = window.time("end");
        ZoneId zone = window.zone("zone");
        window.done();
        if (group != null && windows.containsKey(group)) {
          error(window.node, window.key("group"), "a second window for group " + group);
        } else if (group != null
            && start != null
            && end != null
            && zone != null
            && !days.isEmpty()) {
          windows.put(group, new MaintenanceWindow(days, start, end, zone));
        }
      }
      return windows;
    }

    private Limits limits(Section top) {
      Section limits = top.section("limits", false);
      if (limits == null) {
        return new Limits(8, 0, 0, 10L << 30);
      }
      int clients = limits.integer("maxClients", 8, 1, 10_000);
      int transfers = limits.integer("maxTransfers", 0, 1, 100_000);
      long bandwidth = limits.size("bandwidth", 0);
      long cache = limits.size("cacheSize", 10L << 30);
      limits.done();
      return new Limits(clients, transfers, bandwidth, cache);
    }

    private Optional<InetSocketAddress> admin(Section top) {
      Section admin = top.section("admin", false);
      if (admin == null) {
        return Optional.empty();
      }
      boolean enabled = admin.bool("enabled", false);
      Scalar listen = admin.scalar("listen");
      admin.done();
      InetSocketAddress address =
          socketAddress(listen, listen == null ? DEFAULT_ADMIN_LISTEN : listen.text().strip());
      return enabled ? Optional.ofNullable(address) : Optional.empty();
    }

    private InetSocketAddress socketAddress(Scalar at, String text) {
      int colon = text.lastIndexOf(':');
      String host = colon < 0 ? "" : text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      try {
        int port = Integer.parseInt(text.substring(colon + 1));
        // An IP literal or localhost only: a name would be looked up in DNS at start, and the
        // address the endpoint listens on should not depend on what DNS says.
        boolean literal = IPV4.matcher(host).matches() || host.contains(":");
        if (port < 0 || port > 65535 || !(literal || host.equals("localhost"))) {
          throw new IllegalArgumentException();
        }
        return new InetSocketAddress(
            host.equals("localhost")
                ? InetAddress.getLoopbackAddress()
                : InetAddress.getByName(host),
            port);
      } catch (IOException | IllegalArgumentException e) {
        if (at != null) {
          error(
              at,
              "admin.listen",
              "not an IP-address:port such as " + DEFAULT_ADMIN_LISTEN + ": " + text);
        }
        return null;
      }
    }

    Section section(Node node, String key) {
      if (node instanceof Mapping mapping) {
        return new Section(mapping, key);
      }
      if (node instanceof Scalar scalar && scalar.kind() == JsonToken.VALUE_NULL) {
        return new Section(new Mapping(Map.of(), node.line()), key);
      }
      error(node, key.isEmpty() ? "(document)" : key, "not a mapping of keys to values");
      return null;
    }

    /** One mapping of the document: its keys are taken one by one, and the rest are unknown. */
    final class Section {
      final Mapping node;
      final String prefix;
      final Map<String, Node> left;

      Section(Mapping node, String prefix) {
        this.node = node;
        this.prefix = prefix;
        this.left = new LinkedHashMap<>(node.entries());
      }

      String key(String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
      }

      Node take(String name) {
        return left.remove(name);
      }

      /** Reports every key not taken as unknown. */
      void done() {
        left.forEach((name, value) -> error(value, key(name), "unknown key"));
        left.clear();
      }

      Section section(String name, boolean required) {
        Node value = take(name);
        if (value == null) {
          if (required) {
            error(node, key(name), "missing");
          }
          return null;
        }
        return Keys.this.section(value, key(name));
      }

      Scalar scalar(String name) {
        Node value = take(name);
        if (value == null) {
          return null;
        }
        if (value instanceof Scalar scalar && scalar.kind() != JsonToken.VALUE_NULL) {
          return scalar;
        }
        error(value, key(name), "not a single value");
        return null;
      }

      String string(String name, String otherwise) {
        Scalar value = scalar(name);
        if (value == null) {
          return otherwise;
        }
        if (value.text().isBlank()) {
          error(value, key(name), "empty");
          return otherwise;
        }
        return value.text().strip();
      }

      URI url(String name) {
        Scalar value = scalar(name);
        if (value == null) {
          error(node, key(name), "missing");
          return null;
        }
        try {
          URI uri = new URI(value.text().strip());
          String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
          if ((scheme.equals("http") || scheme.equals("https") || scheme.equals("tftp"))
              && uri.getHost() != null) {
            return uri;
          }
        } catch (URISyntaxException e) {
          // Reported below, as for any other value that is no URL.
        }
        error(value, key(name), "not a URL");
        return null;
      }

      Path path(String name, boolean required) {
        String text = string(name, null);
        if (text == null) {
          if (required && !node.entries().containsKey(name)) {
            error(node, key(name), "missing");
          }
          return null;
        }
        return base.resolve(text).normalize();
      }

      List<Path> paths(String name) {
        Node value = take(name);
        List<Path> paths = new ArrayList<>();
        if (value == null) {
          return paths;
        }
        List<Node> items = value instanceof Sequence list ? list.items() : List.of(value);
        for (int i = 0; i < items.size(); i++) {
          Node item = items.get(i);
          if (item instanceof Scalar scalar
              && scalar.kind() != JsonToken.VALUE_NULL
              && !scalar.text().isBlank()) {
            Path path = base.resolve(scalar.text().strip()).normalize();
            if (Files.isReadable(path)) {
              paths.add(path);
            } else {
              error(item, key(name) + "[" + i + "]", "cannot read " + path);
            }
          } else {
            error(item, key(name) + "[" + i + "]", "not a file name");
          }
        }
        return paths;
      }

      /** The bearer token in the file {@code name} names, if it names one. */
      Optional<RequestAuthenticator> token(String name) {
        Node at = left.get(name);
        Path file = path(name, false);
        if (file == null) {
          return Optional.empty();
        }
        try {
          return Optional.of(TransportSettings.bearerToken(file));
        } catch (IOException e) {
          error(at, key(name), "cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
          error(at, key(name), e.getMessage());
        }
        return Optional.empty();
      }

      /** A list of artifact origins: http, https or tftp URLs. */
      List<URI> origins(String name) {
        Node value = take(name);
        List<URI> origins = new ArrayList<>();
        if (value == null) {
          return origins;
        }
        List<Node> items = value instanceof Sequence list ? list.items() : List.of(value);
        for (int i = 0; i < items.size(); i++) {
          Node item = items.get(i);
          try {
            if (item instanceof Scalar scalar && scalar.kind() != JsonToken.VALUE_NULL) {
              URI origin = new URI(scalar.text().strip());
              if (TransportSettings.isOrigin(origin)) {
                origins.add(origin);
                continue;
              }
            }
          } catch (URISyntaxException e) {
            // Reported below, as for any other item that is no origin.
          }
          error(item, key(name) + "[" + i + "]", "not an http, https or tftp URL");
        }
        return origins;
      }

      boolean bool(String name, boolean otherwise) {
        Scalar value = scalar(name);
        if (value == null) {
          return otherwise;
        }
        if (value.kind() == JsonToken.VALUE_TRUE || value.kind() == JsonToken.VALUE_FALSE) {
          return value.kind() == JsonToken.VALUE_TRUE;
        }
        error(value, key(name), "not true or false: " + value.text());
        return otherwise;
      }

      int integer(String name, int otherwise, int min, int max) {
        Scalar value = scalar(name);
        if (value == null) {
          return otherwise;
        }
        try {
          int number = Integer.parseInt(value.text().strip());
          if (number >= min && number <= max) {
            return number;
          }
        } catch (NumberFormatException e) {
          // Reported below.
        }
        error(
            value,
            key(name),
            "not a whole number from " + min + " to " + max + ": " + value.text());
        return otherwise;
      }

      double number(String name, double otherwise) {
        Scalar value = scalar(name);
        if (value == null) {
          return otherwise;
        }
        try {
          return Double.parseDouble(value.text().strip());
        } catch (NumberFormatException e) {
          error(value, key(name), "not a number: " + value.text());
          return otherwise;
        }
      }

      long size(String name, long otherwise) {
        Scalar value = scalar(name);
        if (value == null) {
          return otherwise;
        }
        try {
          long size = Sizes.parse(value.text());
          if (size > 0) {
            return size;
          }
        } catch (IllegalArgumentException | ArithmeticException e) {
          // Reported below.
        }
        error(value, key(name), "not a size such as 512k, 10m or 1g: " + value.text());
        return otherwise;
      }

      Duration duration(String name, Duration otherwise, Duration min, Duration max) {
        Scalar value = scalar(name);
        if (value == null) {
          return otherwise;
        }
        String text = value.text().strip().toLowerCase(Locale.ROOT);
        Duration duration = null;
        Matcher short_ = DURATION.matcher(text);
        try {
          if (short_.matches()) {
            long amount = Long.parseLong(short_.group(1));
            duration =
                switch (short_.group(2)) {
                  case "ms" -> Duration.ofMillis(amount);
                  case "s" -> Duration.ofSeconds(amount);
                  case "m" -> Duration.ofMinutes(amount);
                  case "h" -> Duration.ofHours(amount);
                  default -> Duration.ofDays(amount);
                };
          } else if (text.startsWith("p")) {
            duration = Duration.parse(text);
          }
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
          duration = null;
        }
        if (duration != null && duration.compareTo(min) >= 0 && duration.compareTo(max) <= 0) {
          return duration;
        }
        error(
            value,
            key(name),
            "not a duration from "
                + min
                + " to "
                + max
                + " such as 30s, 5m or PT1H: "
                + value.text());
        return otherwise;
      }

      Set<DayOfWeek> days(String name) {
        Node value = take(name);
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (value == null) {
          return EnumSet.allOf(DayOfWeek.class);
        }
        List<Node> items = value instanceof Sequence list ? list.items() : List.of(value);
        for (Node item : items) {
          DayOfWeek day = item instanceof Scalar scalar ? day(scalar.text()) : null;
          if (day == null) {
            error(item, key(name), "not a day such as MON or monday");
          } else {
            days.add(day);
          }
        }
        if (items.isEmpty()) {
          error(value, key(name), "no days");
        }
        return days;
      }

      private DayOfWeek day(String text) {
        String upper = text.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
          if (upper.length() >= 3 && day.name().startsWith(upper)) {
            return day;
          }
        }
        return null;
      }

      LocalTime time(String name) {
        Scalar value = scalar(name);
        if (value == null) {
          error(node, key(name), "missing");
          return null;
        }
        try {
          return LocalTime.parse(value.text().strip());
        } catch (DateTimeParseException e) {
          error(value, key(name), "not a time of day such as \"02:00\": " + value.text());
          return null;
        }
      }

      ZoneId zone(String name) {
        Scalar value = scalar(name);
        if (value == null) {
          return ZoneOffset.UTC;
        }
        try {
          return ZoneId.of(value.text().strip());
        } catch (DateTimeException e) {
          error(value, key(name), "not a time zone such as UTC or Europe/Berlin: " + value.text());
          return null;
        }
      }
    }
  }
}
