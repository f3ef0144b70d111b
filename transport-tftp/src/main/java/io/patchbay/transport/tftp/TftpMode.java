package io.patchbay.transport.tftp;

import java.util.Locale;

/** How a TFTP transfer encodes the file's bytes on the wire (RFC 1350 §1). */
public enum TftpMode {
  /** Raw bytes, as they are: firmware, archives, manifests. */
  OCTET("octet"),
  /**
   * Text: line ends travel as CR LF and a lone CR as CR NUL (RFC 764), so hosts with different line
   * conventions agree. Locally, lines end with LF.
   */
  NETASCII("netascii");

  private final String wireName;

  TftpMode(String wireName) {
    this.wireName = wireName;
  }

  /** The mode's name in a request, such as {@code octet}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The mode a request names, case-insensitively (RFC 1350 §5), or {@code null} if none matches.
   */
  static TftpMode fromWire(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (TftpMode mode : values()) {
      if (mode.wireName.equals(lower)) {
        return mode;
      }
    }
    // "mail" is obsolete (RFC 1350 §1) and anything else is unknown: both are refused.
    return null;
  }
}
