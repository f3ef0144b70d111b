package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.patchbay.campaign.DhcpLeaseDirectory;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's configuration file: defaults, and every error named by file, line and key. */
class GatewayConfigTest {

  @TempDir Path dir;

  private static final String MINIMAL =
      """
      headEnd:
        catalog: http://head.example:8080/catalog.json
        allowUnsigned: true
      clients:
        file: clients.csv
      stateDir: state
      """;

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private GatewayConfig.InvalidConfigException invalid(String yaml) throws Exception {
    Path file = write(yaml);
    return catchThrowableOfType(
        GatewayConfig.InvalidConfigException.class, () -> GatewayConfig.read(file));
  }

  @Test
  void aMinimalFileGetsTheDocumentedDefaults() throws Exception {
    GatewayConfig config = GatewayConfig.read(write(MINIMAL));

    assertThat(config.headEnd().pollInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.headEnd().allowUnsigned()).isTrue();
    assertThat(config.clients().file()).hasValue(dir.resolve("clients.csv"));
    assertThat(config.clients().leases()).isEmpty();
    assertThat(config.stateDir()).isEqualTo(dir.resolve("state"));
    assertThat(config.admin()).isEmpty();
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.limits()).isEqualTo(new GatewayConfig.Limits(8, 0, 0, 10L << 30));
    assertThat(config.waves().canaryClients()).isEqualTo(1);
  }

  @Test
  void theAdminEndpointIsOffByDefaultAndOnLoopbackWhenTurnedOn() throws Exception {
    GatewayConfig config = GatewayConfig.read(write(MINIMAL + "admin:\n  enabled: true\n"));

    assertThat(config.admin())
        .hasValueSatisfying(
            address -> {
              assertThat(address.getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
              assertThat(address.getPort()).isEqualTo(9464);
            });
  }

  @Test
  void everyKeyIsRead() throws Exception {
    GatewayConfig config =
        GatewayConfig.read(
            write(
                MINIMAL
                    + """
                    waves:
                      canary: 10%
                      growth: 3
                      successThreshold: 0.9
                      errorLimit: 0.1
                    windows:
                      - group: living-rooms
                        days: [sat, sunday]
                        start: "02:00"
                        end: "05:30"
                        zone: Europe/Berlin
                    limits:
                      maxClients: 4
                      maxTransfers: 2
                      bandwidth: 10m
                    shutdownGrace: 5s
                    """));

    assertThat(config.waves().canaryPercent()).isEqualTo(10);
    assertThat(config.waves().growth()).isEqualTo(3);
    assertThat(config.windows().get("living-rooms").start()).isEqualTo(LocalTime.of(2, 0));
    assertThat(config.windows().get("living-rooms").days()).hasSize(2);
    assertThat(config.limits()).isEqualTo(new GatewayConfig.Limits(4, 2, 10L << 20, 10L << 30));
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aValueOfTheWrongKindIsNamedByLineAndKey() throws Exception {
    GatewayConfig.InvalidConfigException error =
        invalid(
            """
            headEnd:
              catalog: http://head.example/catalog.json
              allowUnsigned: yes please
              pollInterval: soon
            clients:
              file: clients.csv
            stateDir: state
            limits:
              maxClients: many
            """);

    assertThat(error.errors)
        .containsExactly(
            dir.resolve("config.yaml")
                + ": line 3: headEnd.allowUnsigned: not true or false: yes please",
            dir.resolve("config.yaml")
                + ": line 4: headEnd.pollInterval: not a duration from PT1S to PT24H such as 30s,"
                + " 5m or PT1H: soon",
            dir.resolve("config.yaml")
                + ": line 9: limits.maxClients: not a whole number from 1 to 10000: many");
  }

  @Test
  void aCatalogThatIsNoUrlIsNamed() throws Exception {
    GatewayConfig.InvalidConfigException error =
        invalid(MINIMAL.replace("http://head.example:8080/catalog.json", "head-end/catalog.json"));

    assertThat(error.errors)
        .containsExactly(dir.resolve("config.yaml") + ": line 2: headEnd.catalog: not a URL");
  }

  @Test
  void anUnknownKeyIsAnErrorNotIgnored() throws Exception {
    GatewayConfig.InvalidConfigException error =
        invalid(MINIMAL + "admin:\n  enabled: true\n  lisen: 0.0.0.0:80\n");

    assertThat(error.errors)
        .singleElement()
        .asString()
        .endsWith("line 9: admin.lisen: unknown key");
  }

  @Test
  void missingKeysAreNamed() throws Exception {
    GatewayConfig.InvalidConfigException error = invalid("headEnd:\n  allowUnsigned: true\n");

    assertThat(error.errors)
        .extracting(line -> line.substring(line.indexOf(": line ") + 2))
        .containsExactlyInAnyOrder(
            "line 1: headEnd.catalog: missing",
            "line 1: clients: missing",
            "line 1: stateDir: missing");
  }

  @Test
  void anUnsignedCatalogMustBeAllowedAndKeysNeedARepository() throws Exception {
    Files.writeString(dir.resolve("operator.pub"), "not read by validation");
    GatewayConfig.InvalidConfigException unsigned =
        invalid(MINIMAL.replace("  allowUnsigned: true\n", ""));
    GatewayConfig.InvalidConfigException noRepository =
        invalid(MINIMAL.replace("allowUnsigned: true", "trust: [operator.pub, missing.pub]"));

    assertThat(unsigned.errors).singleElement().asString().contains("headEnd.trust: no keys");
    assertThat(noRepository.errors)
        .extracting(line -> line.substring(line.indexOf(": line ") + 2))
        .containsExactly(
            "line 3: headEnd.trust[1]: cannot read " + dir.resolve("missing.pub"),
            "line 1: headEnd.repository: missing: a signature binds a catalog to one repository");
  }

  @Test
  void aWindowAndAWavePlanOutOfRangeAreNamed() throws Exception {
    GatewayConfig.InvalidConfigException error =
        invalid(
            MINIMAL
                + """
                waves:
                  growth: 0.5
                windows:
                  - group: a
                    start: "25:00"
                    end: "03:00"
                """);

    assertThat(error.errors)
        .extracting(line -> line.substring(line.indexOf(": line ") + 2))
        .containsExactly(
            "line 7: waves: " + growthError(),
            "line 11: windows[0].start: not a time of day such as \"02:00\": 25:00");
  }

  private static String growthError() {
    try {
      io.patchbay.campaign.WavePlan.builder().growth(0.5).build();
      return "(accepted)";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  @Test
  void aFileThatIsNotYamlIsNamedWithItsLine() throws Exception {
    GatewayConfig.InvalidConfigException error = invalid("headEnd:\n  catalog: [unclosed\n");

    assertThat(error.errors)
        .singleElement()
        .asString()
        .contains("config.yaml: line ")
        .contains("not YAML");
  }

  @Test
  void leaseFilesAreClientSourcesWithDocumentedDefaults() throws Exception {
    GatewayConfig config =
        GatewayConfig.read(
            write(
                MINIMAL.replace(
                    "  file: clients.csv\n",
                    """
                      leases:
                        - file: /var/lib/misc/dnsmasq.leases
                          format: dnsmasq
                          endpoint: http://{ip}:8080
                        - file: dhcpd.leases
                          format: ISC
                          endpoint: tftp://{ip}:69
                          id: "stb-{hostname}"
                          group: shops
                          maxBytes: 1m
                          maxLeases: 500
                    """)));

    assertThat(config.clients().file()).isEmpty();
    assertThat(config.clients().leases())
        .containsExactly(
            new GatewayConfig.Leases(
                Path.of("/var/lib/misc/dnsmasq.leases"),
                DhcpLeaseDirectory.Format.DNSMASQ,
                "http://{ip}:8080",
                "{mac}",
                "default",
                DhcpLeaseDirectory.DEFAULT_MAX_BYTES,
                DhcpLeaseDirectory.DEFAULT_MAX_LEASES),
            new GatewayConfig.Leases(
                dir.resolve("dhcpd.leases"),
                DhcpLeaseDirectory.Format.ISC,
                "tftp://{ip}:69",
                "stb-{hostname}",
                "shops",
                1 << 20,
                500));
  }

  @Test
  void everyLeaseSourceErrorIsNamedByLineAndKey() throws Exception {
    GatewayConfig.InvalidConfigException error =
        invalid(
            MINIMAL.replace(
                "  file: clients.csv\n",
                """
                  leases:
                    - file: a.leases
                      format: kea
                      endpoint: http://{ip}:8080
                    - file: b.leases
                      format: dnsmasq
                      endpoint: http://{address}:8080
                    - format: isc
                      endpoint: http://{ip}:8080
                      id: stb
                      group: no spaces
                    - file: c.leases
                      format: isc
                      endpoint: http://{ip}:8080
                      group: no spaces
                      maxBytes: 2g
                """));

    assertThat(error.errors)
        .extracting(line -> line.substring(line.indexOf(": line ") + 2))
        .containsExactly(
            "line 7: clients.leases[0].format: not dnsmasq or isc: kea",
            "line 11: clients.leases[1].endpoint: The endpoint template has an unknown placeholder"
                + " \"{address}\": use {ip}, {mac} or {hostname}",
            "line 12: clients.leases[2].file: missing",
            "line 14: clients.leases[2].id: The id template has no placeholder, so every lease"
                + " would get the same: \"stb\"",
            "line 20: clients.leases[3].maxBytes: more than 1g",
            "line 19: clients.leases[3].group: Group must be 1 to 64 letters, digits, '.', '_' or"
                + " '-': \"no spaces\"");
  }

  @Test
  void credentialsTlsAndArtifactOriginsReachTheTransports() throws Exception {
    DemoCertificates.generate(dir.resolve("pki"));
    Files.writeString(dir.resolve("head-end.token"), "head-secret\n");
    Files.writeString(dir.resolve("devices.token"), "device-secret");
    GatewayConfig config =
        GatewayConfig.read(
            write(
                MINIMAL.replace(
                        "  allowUnsigned: true\n",
                        """
                          allowUnsigned: true
                          tokenFile: head-end.token
                          artifactOrigins: [https://cdn.example.net, tftp://10.0.0.1]
                        """)
                    + """
                    devices:
                      tls:
                        cert: pki/gateway.pem
                        key: pki/gateway.key
                        ca: pki/ca.pem
                      tokenFile: devices.token
                    """));

    TransportSettings transport = config.transport();
    assertThat(transport.artifactOrigins())
        .containsExactly(URI.create("https://cdn.example.net"), URI.create("tftp://10.0.0.1"));
    assertThat(transport.deviceTls()).isPresent();
    assertThat(transport.headEnd()).isPresent();
    assertThat(transport.devices()).isPresent();
    assertThat(GatewayConfig.read(write(MINIMAL)).transport().isDefault()).isTrue();
  }

  @Test
  void everyCredentialErrorIsNamedByLineAndKeyWithoutQuotingASecret() throws Exception {
    Files.writeString(dir.resolve("two-words.token"), "secret words");
    Files.writeString(dir.resolve("ca.pem"), "not a certificate");
    GatewayConfig.InvalidConfigException error =
        invalid(
            MINIMAL.replace(
                    "  allowUnsigned: true\n",
                    """
                      allowUnsigned: true
                      tokenFile: two-words.token
                      artifactOrigins: [ftp://old.example.net]
                    """)
                + """
                devices:
                  tls:
                    cert: gateway.pem
                  tokenFile: missing.token
                """);

    assertThat(error.errors)
        .extracting(line -> line.substring(line.indexOf(": line ") + 2))
        .containsExactly(
            "line 4: headEnd.tokenFile: "
                + dir.resolve("two-words.token")
                + " does not hold a token: one line of visible ASCII characters",
            "line 5: headEnd.artifactOrigins[0]: not an http, https or tftp URL",
            "line 10: devices.tls.key: missing: give cert and key",
            "line 12: devices.tokenFile: cannot read "
                + dir.resolve("missing.token")
                + ": "
                + dir.resolve("missing.token"));
    assertThat(String.join("\n", error.errors)).doesNotContain("secret");

    GatewayConfig.InvalidConfigException badCa =
        invalid(MINIMAL + "devices:\n  tls:\n    ca: ca.pem\n");
    assertThat(badCa.errors)
        .singleElement()
        .asString()
        .contains("line 9: devices.tls.ca: ", "ca.pem");
  }

  @Test
  void aSharedStoreNamesEachCatalogsCampaignTheSameOnEveryGateway() throws Exception {
    Files.writeString(dir.resolve("store.properties"), "user=patchbay\npassword=secret\n");
    GatewayConfig config =
        GatewayConfig.read(
            write(
                MINIMAL
                    + """
                    store:
                      url: jdbc:postgresql://db.example:5432/patchbay
                      name: region-7
                      credentials: store.properties
                      workerId: gw-1
                      leaseDuration: 10s
                    """));

    GatewayConfig.Store store = config.store().orElseThrow();
    assertThat(store.leaseDuration()).isEqualTo(Duration.ofSeconds(10));
    var opened = store.open("42", name -> null);
    assertThat(opened.campaign()).isEqualTo("region-7-42");
    assertThat(opened.workerId()).isEqualTo("gw-1");
    assertThat(GatewayConfig.read(write(MINIMAL)).store()).isEmpty();
  }

  @Test
  void everyStoreErrorIsNamedByLineAndKeyWithoutQuotingAPassword() throws Exception {
    GatewayConfig.InvalidConfigException error =
        invalid(
            MINIMAL
                + """
                store:
                  url: jdbc:postgresql://db.example/patchbay?password=hunter2
                  name: no spaces
                  credentials: missing.properties
                """);

    assertThat(error.errors)
        .extracting(line -> line.substring(line.indexOf(": line ") + 2))
        .containsExactly(
            "line 9: store.name: not 1 to 64 letters, digits, '.', '_' or '-': no spaces",
            "line 10: store.credentials: cannot read " + dir.resolve("missing.properties"),
            "line 8: store.url: The store URL must not carry a password; give it apart: "
                + "jdbc:postgresql://db.example/patchbay?...");
    assertThat(String.join("\n", error.errors)).doesNotContain("hunter2");
    assertThat(invalid(MINIMAL + "store:\n  name: x\n").errors)
        .singleElement()
        .asString()
        .endsWith("line 7: store.url: missing: a jdbc:postgresql: URL");
  }

  @Test
  void clientsNeedAtLeastOneSource() throws Exception {
    GatewayConfig.InvalidConfigException none =
        invalid(MINIMAL.replace("  file: clients.csv\n", "  leases: []\n"));
    GatewayConfig.InvalidConfigException notAList =
        invalid(MINIMAL.replace("  file: clients.csv\n", "  leases: dnsmasq.leases\n"));

    assertThat(none.errors)
        .singleElement()
        .asString()
        .endsWith("line 4: clients: no client source: give file, leases or both");
    assertThat(notAList.errors)
        .singleElement()
        .asString()
        .endsWith("line 5: clients.leases: not a list of lease files");
  }

  @Test
  void theCommandPrintsEveryErrorAndExitsTwoWithoutContactingAnything() throws Exception {
    Path file =
        write(
            MINIMAL.replace("http://head.example:8080/catalog.json", "not a url")
                + "limits:\n  bandwith: 10m\n");

    CommandRun.Result run = CommandRun.run("gateway", "--config", file);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains(
            "patchbay: " + file + ": line 2: headEnd.catalog: not a URL",
            "patchbay: " + file + ": line 8: limits.bandwith: unknown key");
    assertThat(dir.resolve("state")).doesNotExist();
  }
}
