package io.patchbay.transport.tftp;

import java.util.Optional;

/** The error codes of TFTP ERROR packets (RFC 1350 §5 and appendix; code 8 from RFC 2347). */
public enum TftpErrorCode {
  /** 0: not defined; the message says what went wrong. */
  NOT_DEFINED(0, "Not defined"),
  /** 1: the file does not exist. */
  FILE_NOT_FOUND(1, "File not found"),
  /** 2: the file may not be read or written, or its name is not acceptable. */
  ACCESS_VIOLATION(2, "Access violation"),
  /** 3: no room for the file, or it is larger than allowed (RFC 2349 uses it for tsize). */
  DISK_FULL(3, "Disk full or allocation exceeded"),
  /** 4: a packet that breaks the protocol. */
  ILLEGAL_OPERATION(4, "Illegal TFTP operation"),
  /** 5: a packet from a port that is not the transfer's peer (RFC 1350 §4). */
  UNKNOWN_TRANSFER_ID(5, "Unknown transfer ID"),
  /** 6: the file exists and will not be overwritten. */
  FILE_EXISTS(6, "File already exists"),
  /** 7: no such user. */
  NO_SUCH_USER(7, "No such user"),
  /** 8: the options of a request or an option acknowledgement were refused (RFC 2347). */
  OPTION_REFUSED(8, "Option negotiation failed");

  private final int code;
  private final String meaning;

  TftpErrorCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** The number carried in the ERROR packet. */
  public int code() {
    return code;
  }

  /** The standard's words for the code. */
  public String meaning() {
    return meaning;
  }

  /** The code numbered {@code code}, if it is one of the standard's. */
  public static Optional<TftpErrorCode> of(int code) {
    TftpErrorCode[] all = values();
    return code >= 0 && code < all.length ? Optional.of(all[code]) : Optional.empty();
  }
}
