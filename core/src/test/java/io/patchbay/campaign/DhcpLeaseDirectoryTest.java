package io.patchbay.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.campaign.DhcpLeaseDirectory.Format;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DHCP lease files on disk, in dnsmasq's and ISC dhcpd's formats, as a client directory. */
class DhcpLeaseDirectoryTest {

  /** 2026-12-02T12:00:00Z: the leases below end around it. */
  private static final Instant NOW = Instant.ofEpochSecond(1_796_212_800L);

  @TempDir Path dir;

  private final List<LeaseReading> readings = new ArrayList<>();
  private final MutableClock clock = new MutableClock(NOW);

  private DhcpLeaseDirectory.Builder leases(Path file, Format format) {
    return DhcpLeaseDirectory.builder(file, format, "http://{ip}:8080")
        .clock(clock)
        .listener(readings::add);
  }

  private static List<String> ids(List<DirectoryEntry> entries) {
    return entries.stream().map(DirectoryEntry::id).toList();
  }

  private static long at(long secondsFromNow) {
    return NOW.getEpochSecond() + secondsFromNow;
  }

  @Test
  void aDnsmasqLeaseFileListsEachActiveLeaseByItsHardwareAddressAtItsAddress() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("dnsmasq.leases"),
            at(3600)
                + " 52:54:00:12:34:56 10.0.0.7 stb-1 01:52:54:00:12:34:56\n"
                + "0 52:54:00:AB:CD:EF 10.0.0.8 * *\n"
                + at(-1)
                + " 52:54:00:00:00:09 10.0.0.9 old-stb *\n"
                + at(60)
                + " 06-52:54:00:00:00:0a 10.0.0.10 stb-10 *\n"
                + "duid 00:01:00:01:2c:5d:7e:8f:52:54:00:12:34:56\n"
                + at(3600)
                + " 12345 fd00::7 stb-1 00:01:00:01\n");

    List<DirectoryEntry> clients = leases(file, Format.DNSMASQ).build().clients();

    assertThat(ids(clients))
        .as("the infinite lease (0) is in, the expired one out; MACs in lower case")
        .containsExactly("52:54:00:12:34:56", "52:54:00:ab:cd:ef", "52:54:00:00:00:0a");
    assertThat(clients.get(0).client().endpoint()).isEqualTo(URI.create("http://10.0.0.7:8080"));
    assertThat(clients.get(0).group()).isEqualTo(DirectoryEntry.DEFAULT_GROUP);
    assertThat(readings)
        .singleElement()
        .satisfies(
            reading -> {
              assertThat(reading.clients()).isEqualTo(3);
              assertThat(reading.inactive()).isEqualTo(1);
              assertThat(reading.skipped()).as("the DHCPv6 lease").isEqualTo(1);
              assertThat(reading.problems())
                  .containsExactly(
                      "line 6: a DHCPv6 lease: not used (it names no hardware address)");
            });
  }

  @Test
  void iscLeasesLaterDeclarationsSupersedeEarlierOnesAndOnlyActiveUnexpiredOnesCount()
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("dhcpd.leases"),
            """
            # The format of this file is documented in the dhcpd.leases(5) manual page.
            # This lease file was written by isc-dhcp-4.4.3-P1

            # authoring-byte-order entry is generated, DO NOT DELETE
            authoring-byte-order little-endian;

            server-duid "\\000\\001\\000\\001,]~\\217RT\\000\\0224V";

            lease 10.0.0.7 {
              starts 3 2026/12/02 10:00:00;
              ends 3 2026/12/02 22:00:00;
              cltt 3 2026/12/02 10:00:00;
              binding state active;
              next binding state free;
              rewind binding state free;
              hardware ethernet 52:54:00:12:34:56;
              uid "\\001RT\\000\\0224V";
              client-hostname "stb-1";
            }
            lease 10.0.0.8 {
              starts 3 2026/12/02 10:00:00;
              ends 3 2026/12/02 22:00:00;
              binding state active;
              hardware ethernet 52:54:00:00:00:08;
              client-hostname "stb-2";
            }
            lease 10.0.0.9 {
              starts 3 2026/12/02 08:00:00;
              ends 3 2026/12/02 11:00:00;
              binding state active;
              hardware ethernet 52:54:00:00:00:09;
            }
            lease 10.0.0.10 {
              starts epoch 1796205600; # Wed Dec 02 10:00:00 2026
              ends never;
              binding state active;
              hardware ethernet 52:54:0:0:0:a;
              on expiry { set last = "gone"; }
            }
            host stb-static {
              dynamic;
              hardware ethernet 52:54:00:00:00:99;
              fixed-address 10.0.0.99;
            }
            lease 10.0.0.8 {
              starts 3 2026/12/02 11:00:00;
              ends 3 2026/12/02 11:00:00;
              tstp 3 2026/12/02 11:00:00;
              binding state free;
              hardware ethernet 52:54:00:00:00:08;
            }
            """);

    List<DirectoryEntry> clients = leases(file, Format.ISC).build().clients();

    assertThat(ids(clients))
        .as("10.0.0.8 was released by its later declaration, 10.0.0.9 expired at 11:00")
        .containsExactly("52:54:00:12:34:56", "52:54:00:00:00:0a");
    assertThat(clients.get(1).client().endpoint()).isEqualTo(URI.create("http://10.0.0.10:8080"));
    assertThat(readings.get(0).inactive()).isEqualTo(2);
    assertThat(readings.get(0).skipped()).isZero();
  }

  @Test
  void aLeaseThatEndsDropsOutWithoutAChangeToTheFile() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("dnsmasq.leases"),
            at(60) + " 52:54:00:00:00:01 10.0.0.1 * *\n" + "0 52:54:00:00:00:02 10.0.0.2 * *\n");
    DhcpLeaseDirectory directory = leases(file, Format.DNSMASQ).build();
    assertThat(ids(directory.clients())).hasSize(2);

    clock.now = NOW.plusSeconds(60);

    assertThat(ids(directory.clients())).containsExactly("52:54:00:00:00:02");
    assertThat(readings).as("the file was read once").hasSize(1);
  }

  @Test
  void malformedLinesAreSkippedAndCountedAndTheRestIsUsed() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("dnsmasq.leases"),
            // The last line is cut short: dnsmasq was writing.
            """
            0 52:54:00:00:00:01 10.0.0.1 stb-1 *
            garbage
            soon 52:54:00:00:00:02 10.0.0.2 stb-2 *
            0 not-a-mac 10.0.0.3 stb-3 *
            0 52:54:00:00:00:04 10.0.0.256 stb-4 *
            0 52:54:00:00:00:05 010.0.0.5 stb-5 *

            0 52:54:00:00:00:06 10.0.0.6 stb-6 * extra
            0 52:54:00:00:00:07 10.0""");

    List<DirectoryEntry> clients = leases(file, Format.DNSMASQ).build().clients();

    assertThat(ids(clients)).containsExactly("52:54:00:00:00:01");
    assertThat(readings.get(0).skipped()).isEqualTo(7);
    assertThat(readings.get(0).problems())
        .containsExactly(
            "line 2: not EXPIRY HWADDR IP HOSTNAME CLIENT-ID: 1 fields",
            "line 3: expiry is not a number of seconds: \"soon\"",
            "line 4: not a hardware address: \"not-a-mac\"",
            "line 5: not an IPv4 address: \"10.0.0.256\"",
            "line 6: not an IPv4 address: \"010.0.0.5\"",
            "line 8: not EXPIRY HWADDR IP HOSTNAME CLIENT-ID: 6 fields",
            "line 9: not EXPIRY HWADDR IP HOSTNAME CLIENT-ID: 3 fields");
  }

  @Test
  void malformedIscDeclarationsAndOneCutShortAreSkippedAndCounted() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("dhcpd.leases"),
            """
            lease 10.0.0.1 {
              ends never;
              binding state active;
              hardware ethernet 52:54:00:00:00:01;
            }
            lease not-an-address {
              ends never;
              binding state active;
              hardware ethernet 52:54:00:00:00:02;
            }
            lease 10.0.0.3 {
              ends 3 2026/13/45 25:00:00;
              binding state active;
              hardware ethernet 52:54:00:00:00:03;
            }
            lease 10.0.0.4 {
              ends never;
              hardware ethernet 52:54:00:00:00:04;
            }
            lease 10.0.0.5 {
              ends never;
              binding state active;
              hardware ethernet zz:54;
            }
            lease 10.0.0.6 {
              ends never;
              binding state active;
              hardware ethernet 52:54:00:00:00:06;
              client-hostname "stb-6
            """);

    List<DirectoryEntry> clients = leases(file, Format.ISC).build().clients();

    assertThat(ids(clients)).containsExactly("52:54:00:00:00:01");
    assertThat(readings.get(0).problems())
        .containsExactly(
            "line 6: not an IPv4 address: \"not-an-address\"",
            "line 11: not ends DATE: \"ends 3 2026/13/45 25:00:00\"",
            "line 16: no binding state",
            "line 20: not hardware TYPE ADDRESS: \"hardware ethernet zz:54\"",
            "line 25: lease not closed before the end of the file (being written?)");
  }

  @Test
  void aHostileHostnameIsNeverPutInAnIdOrEndpoint() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("dhcpd.leases"),
            """
            lease 10.0.0.1 {
              ends never;
              binding state active;
              hardware ethernet 52:54:00:00:00:01;
              client-hostname "evil.example/../x@attacker:80";
            }
            lease 10.0.0.2 {
              ends never;
              binding state active;
              hardware ethernet 52:54:00:00:00:02;
              client-hostname "line\\012forged log line\\"";
            }
            lease 10.0.0.3 {
              ends never;
              binding state active;
              hardware ethernet 52:54:00:00:00:03;
              client-hostname "stb-3.lan";
            }
            lease 10.0.0.4 {
              ends never;
              binding state active;
              hardware ethernet 52:54:00:00:00:04;
            }
            """);

    DhcpLeaseDirectory byName =
        DhcpLeaseDirectory.builder(file, Format.ISC, "http://{hostname}:8080")
            .id("stb-{hostname}")
            .clock(clock)
            .listener(readings::add)
            .build();

    assertThat(byName.clients())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.id()).isEqualTo("stb-stb-3.lan");
              assertThat(entry.client().endpoint()).isEqualTo(URI.create("http://stb-3.lan:8080"));
            });
    assertThat(readings.get(0).skipped()).isEqualTo(3);
    assertThat(readings.get(0).problems())
        .containsExactly(
            "line 1: hostname \"evil.example/../x@attacker:80\" is not a valid host name",
            "line 7: hostname \"line\\u000aforged log line\\u0022\" is not a valid host name",
            "line 19: no hostname for {hostname}");
    assertThat(leases(file, Format.ISC).build().clients())
        .as("templates without {hostname} do not care about it")
        .hasSize(4);
  }

  @Test
  void twoLeasesForOneDeviceGiveOneClientTheLeaseThatEndsLater() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("dnsmasq.leases"),
            at(600)
                + " 52:54:00:00:00:01 10.0.0.1 * *\n"
                + at(60)
                + " 52:54:00:00:00:01 10.0.0.2 * *\n");

    List<DirectoryEntry> clients = leases(file, Format.DNSMASQ).build().clients();

    assertThat(clients)
        .singleElement()
        .extracting(entry -> entry.client().endpoint())
        .isEqualTo(URI.create("http://10.0.0.1:8080"));
    assertThat(readings.get(0).problems())
        .containsExactly(
            "line 2: client id \"52:54:00:00:00:01\" also from the lease at line 1, which ends"
                + " later: that one is used");
  }

  @Test
  void aLeaseAppendedLaterIsSeenAndAnUnchangedFileIsNotReadAgain() throws Exception {
    Path file =
        Files.writeString(dir.resolve("dnsmasq.leases"), "0 52:54:00:00:00:01 10.0.0.1 * *\n");
    DhcpLeaseDirectory directory = leases(file, Format.DNSMASQ).group("shops").build();
    assertThat(ids(directory.clients())).containsExactly("52:54:00:00:00:01");
    assertThat(ids(directory.clients())).hasSize(1);
    assertThat(readings).as("unchanged: read once").hasSize(1);

    Files.writeString(file, "0 52:54:00:00:00:02 10.0.0.2 * *\n", StandardOpenOption.APPEND);

    List<DirectoryEntry> clients = directory.clients();
    assertThat(ids(clients)).containsExactly("52:54:00:00:00:01", "52:54:00:00:00:02");
    assertThat(clients).allSatisfy(entry -> assertThat(entry.group()).isEqualTo("shops"));
    assertThat(readings).hasSize(2);

    directory.refresh();
    directory.clients();
    assertThat(readings).as("refresh reads an unchanged file").hasSize(3);
  }

  @Test
  void aFileLargerThanAllowedIsATypedErrorUntilItShrinks() throws Exception {
    String line = "0 52:54:00:00:00:01 10.0.0.1 * *\n";
    Path file = Files.writeString(dir.resolve("dnsmasq.leases"), line + line);
    DhcpLeaseDirectory directory =
        leases(file, Format.DNSMASQ).maxBytes(line.length() + 1L).build();

    assertThatThrownBy(directory::clients)
        .isInstanceOfSatisfying(
            LeaseFileLimitException.class,
            e -> {
              assertThat(e.limit()).isEqualTo(LeaseFileLimitException.Limit.BYTES);
              assertThat(e.maximum()).isEqualTo(line.length() + 1L);
              assertThat(e.file()).isEqualTo(file);
            });
    assertThat(readings).isEmpty();

    Files.writeString(file, line);
    assertThat(directory.clients()).hasSize(1);
  }

  @Test
  void moreLeasesThanAllowedIsATypedErrorEvenWhenTheyAreInactive() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("dnsmasq.leases"),
            """
            1 52:54:00:00:00:01 10.0.0.1 * *
            1 52:54:00:00:00:02 10.0.0.2 * *
            0 52:54:00:00:00:03 10.0.0.3 * *
            """);

    assertThatThrownBy(() -> leases(file, Format.DNSMASQ).maxLeases(2).build().clients())
        .isInstanceOfSatisfying(
            LeaseFileLimitException.class,
            e -> {
              assertThat(e.limit()).isEqualTo(LeaseFileLimitException.Limit.LEASES);
              assertThat(e.maximum()).isEqualTo(2);
            });
    assertThat(leases(file, Format.DNSMASQ).maxLeases(3).build().clients()).hasSize(1);
  }

  @Test
  void aMissingFileIsAnIoErrorAndIsReadOnceItAppears() throws Exception {
    Path file = dir.resolve("dnsmasq.leases");
    DhcpLeaseDirectory directory = leases(file, Format.DNSMASQ).build();

    assertThatThrownBy(directory::clients).isInstanceOf(java.nio.file.NoSuchFileException.class);

    Files.writeString(file, "0 52:54:00:00:00:01 10.0.0.1 * *\n", StandardCharsets.US_ASCII);
    assertThat(directory.clients()).hasSize(1);
  }

  @Test
  void templatesThatCannotMakeAClientAreRefusedWhenBuilt() {
    Path file = dir.resolve("leases");

    assertThatThrownBy(
            () -> DhcpLeaseDirectory.builder(file, Format.ISC, "http://{ipaddr}").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown placeholder \"{ipaddr}\"");
    assertThatThrownBy(
            () -> DhcpLeaseDirectory.builder(file, Format.ISC, "http://{ip:8080").build())
        .hasMessageContaining("unmatched brace");
    assertThatThrownBy(() -> DhcpLeaseDirectory.builder(file, Format.ISC, "{ip}:8080").build())
        .hasMessageContaining("is not a URI");
    assertThatThrownBy(() -> DhcpLeaseDirectory.builder(file, Format.ISC, "file:///{mac}").build())
        .hasMessageContaining("not an absolute URI with a host");
    assertThatThrownBy(
            () -> DhcpLeaseDirectory.builder(file, Format.ISC, "http://{ip}").id("stb").build())
        .hasMessageContaining("no placeholder");
    assertThatThrownBy(
            () -> DhcpLeaseDirectory.builder(file, Format.ISC, "http://{ip}").group("a b").build())
        .hasMessageContaining("Group must be");
  }

  /** A clock a test moves. */
  private static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
