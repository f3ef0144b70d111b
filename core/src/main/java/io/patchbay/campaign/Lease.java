package io.patchbay.campaign;

import java.time.Instant;

/**
 * One lease as a lease file states it, its values already validated (or absent where invalid).
 *
 * @param line where it starts in the file, from 1
 * @param ip the IPv4 address, dotted
 * @param mac the hardware address, lower-case hex octets separated by {@code :}; null if none
 * @param hostname a valid host name; null if none or invalid
 * @param invalidHostname the hostname as written when it is not a valid one; null otherwise
 * @param expires when it ends; null if never
 * @param active whether the server holds it as active (not released, free, abandoned ...)
 */
record Lease(
    long line,
    String ip,
    String mac,
    String hostname,
    String invalidHostname,
    Instant expires,
    boolean active) {

  /** Whether the lease counts at {@code now}: active and not expired. */
  boolean liveAt(Instant now) {
    return active && (expires == null || expires.isAfter(now));
  }
}
