package io.patchbay.campaign;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The values of a lease file, validated: a lease file is written by a DHCP server from what clients
 * sent it (a hostname is whatever a device chose to say), so none of it is trusted.
 */
final class LeaseFields {

  /** RFC 1123 section 2.1 labels: letters, digits and inner hyphens, 1 to 63 characters. */
  private static final Pattern HOSTNAME =
      Pattern.compile(
          "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  private static final int MAX_HOSTNAME = 253;

  /** Up to 16 octets (a DHCP chaddr, RFC 2131 section 2), one or two hex digits each. */
  private static final Pattern HARDWARE_ADDRESS =
      Pattern.compile("[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){0,15}");

  private LeaseFields() {}

  /** {@code text} if it is a dotted IPv4 address without leading zeros, else null. */
  static String ipv4(String text) {
    String[] octets = text.split("\\.", -1);
    if (octets.length != 4) {
      return null;
    }
    for (String octet : octets) {
      if (octet.isEmpty()
          || octet.length() > 3
          || !octet.chars().allMatch(c -> c >= '0' && c <= '9')
          || (octet.length() > 1 && octet.charAt(0) == '0')
          || Integer.parseInt(octet) > 255) {
        return null;
      }
    }
    return text;
  }

  /** {@code text} as lower-case two-digit octets joined by {@code :} if it is one, else null. */
  static String hardwareAddress(String text) {
    if (!HARDWARE_ADDRESS.matcher(text).matches()) {
      return null;
    }
    StringBuilder normal = new StringBuilder(text.length() + 8);
    for (String octet : text.split(":", -1)) {
      if (normal.length() > 0) {
        normal.append(':');
      }
      normal.append(octet.length() == 1 ? "0" : "").append(octet.toLowerCase(Locale.ROOT));
    }
    return normal.toString();
  }

  /** Whether {@code text} is a host name that is safe in an id or a URI. */
  static boolean isHostname(String text) {
    return text.length() <= MAX_HOSTNAME && HOSTNAME.matcher(text).matches();
  }
}
