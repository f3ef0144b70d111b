package io.patchbay.transport.tftp;

import io.patchbay.model.FileEntry;
import io.patchbay.model.Sha256;
import io.patchbay.transfer.TransferRejectedException.Reason;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The device protocol over TFTP (docs/protocol-tftp.md): the names a device serves and accepts
 * under its endpoint, and the commit record and result documents. Shared by the gateway's side
 * ({@link TftpTransferer}) and the reference device ({@link TftpDeviceAgent}).
 */
final class DeviceProtocol {

  /** The protocol's name and version, sent in every commit record. */
  static final String PROTOCOL = "patchbay-tftp/1";

  /** The directory of the protocol's own files; devices refuse to install a file under it. */
  static final String STATE = ".patchbay";

  static final String STAGING = STATE + "/staging/";
  static final String COMMIT = STATE + "/commit/";
  static final String RESULT = STATE + "/result/";
  static final String JSON = ".json";

  private static final Pattern TRANSFER_ID = Pattern.compile("[0-9a-f][0-9a-f-]{7,63}");

  private DeviceProtocol() {}

  /** A fresh transfer identifier: random, so that retries and gateways never share one. */
  static String newTransferId() {
    return UUID.randomUUID().toString();
  }

  /** Whether {@code id} is a transfer identifier a device accepts. */
  static boolean isTransferId(String id) {
    return TRANSFER_ID.matcher(id).matches();
  }

  static String staging(String transfer) {
    return STAGING + transfer;
  }

  static String commit(String transfer) {
    return COMMIT + transfer + JSON;
  }

  static String result(String transfer) {
    return RESULT + transfer + JSON;
  }

  /**
   * The transfer identifier {@code name} holds after {@code prefix} and before {@code suffix}, or
   * {@code null}.
   */
  static String transferIn(String name, String prefix, String suffix) {
    if (!name.startsWith(prefix)
        || !name.endsWith(suffix)
        || name.length() < prefix.length() + suffix.length()) {
      return null;
    }
    String id = name.substring(prefix.length(), name.length() - suffix.length());
    return isTransferId(id) ? id : null;
  }

  /** The gateway's announcement of a staged file: what it is and what its bytes must hash to. */
  record CommitRecord(String transfer, FileEntry file) {

    byte[] toJson() {
      Map<String, Object> members = new LinkedHashMap<>();
      members.put("protocol", PROTOCOL);
      members.put("transfer", transfer);
      members.put("name", file.name());
      members.put("version", file.version());
      members.put("size", file.size());
      members.put("sha256", file.sha256().hex());
      return FlatJson.write(members);
    }

    /**
     * Reads a commit record.
     *
     * @throws IllegalArgumentException saying what is wrong, including a name, version, size or
     *     digest the model rejects (their exceptions are unchecked {@code
     *     IllegalArgumentException}s or {@code PatchbayException}s; both are reported the same way)
     */
    static CommitRecord parse(byte[] json) {
      Map<String, String> members = FlatJson.read(json);
      String protocol = FlatJson.required(members, "protocol");
      if (!protocol.equals(PROTOCOL)) {
        throw new IllegalArgumentException(
            "unsupported protocol " + protocol + "; this device speaks " + PROTOCOL);
      }
      String transfer = FlatJson.required(members, "transfer");
      if (!isTransferId(transfer)) {
        throw new IllegalArgumentException("malformed transfer id");
      }
      try {
        long size = Long.parseLong(FlatJson.required(members, "size"));
        Sha256 sha256 = Sha256.parse(FlatJson.required(members, "sha256"));
        return new CommitRecord(
            transfer,
            new FileEntry(
                FlatJson.required(members, "name"),
                FlatJson.required(members, "version"),
                sha256,
                size));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }

  /**
   * What a device did with a commit record.
   *
   * @param reason why it refused, or {@code null} if it installed the file
   * @param detail its own words, for a human
   */
  record CommitResult(String transfer, Reason reason, String detail) {

    static CommitResult installed(String transfer) {
      return new CommitResult(transfer, null, "installed");
    }

    static CommitResult rejected(String transfer, Reason reason, String detail) {
      return new CommitResult(transfer, reason, detail);
    }

    boolean isInstalled() {
      return reason == null;
    }

    byte[] toJson() {
      Map<String, Object> members = new LinkedHashMap<>();
      members.put("transfer", transfer);
      members.put("status", isInstalled() ? "installed" : "rejected");
      if (!isInstalled()) {
        members.put("reason", reason.name().toLowerCase(Locale.ROOT).replace('_', '-'));
      }
      members.put("detail", detail);
      return FlatJson.write(members);
    }

    /**
     * Reads a commit result; an unknown reason reads as {@link Reason#OTHER}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static CommitResult parse(byte[] json) {
      Map<String, String> members = FlatJson.read(json);
      String transfer = FlatJson.required(members, "transfer");
      String detail = members.getOrDefault("detail", "");
      return switch (FlatJson.required(members, "status")) {
        case "installed" -> installed(transfer).withDetail(detail);
        case "rejected" ->
            rejected(transfer, reasonOf(members.getOrDefault("reason", "other")), detail);
        default -> throw new IllegalArgumentException("status must be installed or rejected");
      };
    }

    private CommitResult withDetail(String text) {
      return new CommitResult(transfer, reason, text);
    }

    private static Reason reasonOf(String text) {
      for (Reason reason : Reason.values()) {
        if (reason.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(text)) {
          return reason;
        }
      }
      return Reason.OTHER;
    }
  }
}
