package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.campaign.DhcpLeaseDirectory;
import io.patchbay.campaign.DirectoryEntry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's client sources combined: a clients file and lease files, on disk. */
class GatewayClientsTest {

  @TempDir Path dir;

  private final List<String> log = new ArrayList<>();

  private GatewayClients clients(Path file, Path leases) {
    return new GatewayClients(
        new GatewayConfig.Clients(
            Optional.of(file),
            List.of(
                new GatewayConfig.Leases(
                    leases,
                    DhcpLeaseDirectory.Format.DNSMASQ,
                    "http://{ip}:8080",
                    "{hostname}",
                    "default",
                    DhcpLeaseDirectory.DEFAULT_MAX_BYTES,
                    DhcpLeaseDirectory.DEFAULT_MAX_LEASES))),
        log::add);
  }

  @Test
  void anIdListedByTwoSourcesIsLoggedOnceAndTheClientsFilesEntryIsUsed() throws Exception {
    Path file =
        Files.writeString(dir.resolve("clients.csv"), "id,endpoint\nstb-1,http://10.0.0.99:80\n");
    Path leases =
        Files.writeString(
            dir.resolve("dnsmasq.leases"),
            "0 52:54:00:00:00:01 10.0.0.1 stb-1 *\n0 52:54:00:00:00:02 10.0.0.2 stb-2 *\n");
    GatewayClients clients = clients(file, leases);

    List<DirectoryEntry> first = clients.clients();
    List<DirectoryEntry> second = clients.clients();

    assertThat(first).extracting(DirectoryEntry::id).containsExactly("stb-1", "stb-2");
    assertThat(first.get(0).client().endpoint()).isEqualTo(URI.create("http://10.0.0.99:80"));
    assertThat(second).isEqualTo(first);
    assertThat(log)
        .containsExactly(
            "lease file " + leases + " read: 2 clients, 0 inactive, 0 skipped",
            "client id \"stb-1\" is listed by clients file "
                + file
                + " and by lease file "
                + leases
                + ": the first is used");
  }

  @Test
  void aSourceThatCannotBeReadIsLoggedAndTheOthersStillCount() throws Exception {
    Path file =
        Files.writeString(dir.resolve("clients.csv"), "id,endpoint\nstb-1,http://10.0.0.99:80\n");
    Path leases = dir.resolve("dnsmasq.leases");
    GatewayClients clients = clients(file, leases);

    assertThat(clients.clients()).extracting(DirectoryEntry::id).containsExactly("stb-1");
    assertThat(log)
        .singleElement()
        .asString()
        .startsWith("lease file " + leases + " not used until fixed: ");

    Files.writeString(leases, "0 52:54:00:00:00:02 10.0.0.2 stb-2 *\n");
    assertThat(clients.clients()).extracting(DirectoryEntry::id).containsExactly("stb-1", "stb-2");
  }

  @Test
  void aRefreshReadsEverySourceAgainChangedOrNot() throws Exception {
    Path file = Files.writeString(dir.resolve("clients.csv"), "id,endpoint\n");
    Path leases =
        Files.writeString(dir.resolve("dnsmasq.leases"), "0 52:54:00:00:00:02 10.0.0.2 stb-2 *\n");
    GatewayClients clients = clients(file, leases);
    clients.clients();
    clients.clients();
    assertThat(log).hasSize(1);

    clients.refresh();
    clients.clients();

    assertThat(log)
        .hasSize(2)
        .allMatch(line -> line.endsWith("read: 1 clients, 0 inactive, 0 skipped"));
  }
}
