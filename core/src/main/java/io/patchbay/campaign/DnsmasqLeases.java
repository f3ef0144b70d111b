package io.patchbay.campaign;

import io.patchbay.internal.Untrusted;
import java.time.Instant;
import java.util.Iterator;
import java.util.regex.Pattern;

/**
 * Reads dnsmasq's lease file ({@code dhcp-leasefile}, by default {@code
 * /var/lib/misc/dnsmasq.leases}). dnsmasq's {@code lease_update_file()} writes one line per DHCPv4
 * lease: {@code EXPIRY HWADDR IP HOSTNAME CLIENT-ID}, where EXPIRY is the end in seconds since the
 * epoch ({@code 0}: never), HWADDR is hex octets joined by {@code :}, prefixed with {@code TT-}
 * (the hardware type) unless it is Ethernet, and HOSTNAME and CLIENT-ID are {@code *} when absent.
 * Then a {@code duid ...} line starts the DHCPv6 leases, which name no hardware address and are not
 * used. dnsmasq rewrites the file in place: a line cut short by a read during a write is skipped,
 * and the next reading sees the whole file.
 */
final class DnsmasqLeases {

  private static final Pattern FIELDS = Pattern.compile("[ \t]+");
  private static final Pattern HARDWARE_TYPE = Pattern.compile("[0-9A-Fa-f]{2}-");

  private DnsmasqLeases() {}

  static void read(String text, LeaseSet leases) {
    boolean dhcpv6 = false;
    long number = 0;
    for (Iterator<String> lines = text.lines().iterator(); lines.hasNext(); ) {
      String line = lines.next().strip();
      number++;
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = FIELDS.split(line, -1);
      if (fields[0].equals("duid")) {
        dhcpv6 = true;
      } else if (dhcpv6) {
        leases.skip(number, "a DHCPv6 lease: not used (it names no hardware address)");
      } else if (fields.length != 5) {
        leases.skip(
            number, "not EXPIRY HWADDR IP HOSTNAME CLIENT-ID: " + fields.length + " fields");
      } else {
        lease(number, fields, leases);
      }
    }
  }

  private static void lease(long number, String[] fields, LeaseSet leases) {
    String expiry = fields[0];
    if (expiry.isEmpty()
        || expiry.length() > 18
        || !expiry.chars().allMatch(c -> c >= '0' && c <= '9')) {
      leases.skip(number, "expiry is not a number of seconds: " + Untrusted.quote(expiry));
      return;
    }
    String hardware = fields[1];
    if (hardware.length() >= 3 && HARDWARE_TYPE.matcher(hardware.substring(0, 3)).matches()) {
      hardware = hardware.substring(3);
    }
    String mac = hardware.isEmpty() ? null : LeaseFields.hardwareAddress(hardware);
    if (!hardware.isEmpty() && mac == null) {
      leases.skip(number, "not a hardware address: " + Untrusted.quote(fields[1]));
      return;
    }
    String ip = LeaseFields.ipv4(fields[2]);
    if (ip == null) {
      leases.skip(number, "not an IPv4 address: " + Untrusted.quote(fields[2]));
      return;
    }
    String name = fields[3].equals("*") ? null : fields[3];
    boolean valid = name != null && LeaseFields.isHostname(name);
    long seconds = Long.parseLong(expiry);
    leases.add(
        new Lease(
            number,
            ip,
            mac,
            valid ? name : null,
            valid ? null : name,
            seconds == 0 ? null : Instant.ofEpochSecond(seconds),
            true));
  }
}
