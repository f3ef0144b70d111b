package io.patchbay.transport.tftp;

import io.patchbay.format.SignatureJson;
import io.patchbay.model.EntryProof;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Sha256;
import io.patchbay.transfer.TransferRejectedException.Reason;
import io.patchbay.trust.TrustException;
import io.patchbay.trust.TrustException.Refusal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

  /**
   * The gateway's announcement of a staged file: what it is, what its bytes must hash to, and the
   * head end's proof that it signed exactly this file.
   *
   * @param proof the proof as the JSON text {@link SignatureJson#writeProof} writes, if the gateway
   *     has one (its catalog was verified); carried as a string, so the record stays one flat
   *     object and the device reads the proof with the same reader as any proof document
   */
  record CommitRecord(String transfer, FileEntry file, Optional<String> proof) {

    /** The record for {@code file}, with {@code proof} written out as JSON text if present. */
    static CommitRecord of(String transfer, FileEntry file, Optional<EntryProof> proof) {
      return new CommitRecord(transfer, file, proof.map(CommitRecord::text));
    }

    private static String text(EntryProof proof) {
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      try {
        SignatureJson.writeProof(proof, json);
      } catch (IOException e) {
        throw new UncheckedIOException("Writing to memory cannot fail", e);
      }
      return json.toString(StandardCharsets.UTF_8);
    }

    /**
     * The proof the record carries, read.
     *
     * @throws TrustException ({@link Refusal#MALFORMED}) if it is not a proof document
     */
    Optional<EntryProof> readProof() throws TrustException {
      if (proof.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            SignatureJson.readProof(
                new ByteArrayInputStream(proof.get().getBytes(StandardCharsets.UTF_8))));
      } catch (IOException e) {
        throw new TrustException(
            "proof for " + file.name(),
            Refusal.MALFORMED,
            "The proof in the commit record of "
                + file.name()
                + " is unreadable: "
                + e.getMessage());
      }
    }

    byte[] toJson() {
      Map<String, Object> members = new LinkedHashMap<>();
      members.put("protocol", PROTOCOL);
      members.put("transfer", transfer);
      members.put("name", file.name());
      members.put("version", file.version());
      members.put("size", file.size());
      members.put("sha256", file.sha256().hex());
      proof.ifPresent(text -> members.put("proof", text));
      return FlatJson.write(members);
    }

    /**
     * Reads a commit record; its proof, if any, is kept as text, for the device to judge.
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
                size),
            Optional.ofNullable(members.get("proof")));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }

  /**
   * What a device did with a commit record.
   *
   * @param reason why it refused, or {@code null} if it installed the file; {@link
   *     Reason#UNTRUSTED} when it did not trust the file
   * @param refusal the rule of {@link Refusal} the file's proof broke (its name, as the device
   *     wrote it), or {@code null} unless the device refused to trust the file
   * @param detail its own words, for a human
   */
  record CommitResult(String transfer, Reason reason, String refusal, String detail) {

    /** The {@code reason} of a result whose file the device did not trust. */
    static final String UNTRUSTED = "untrusted";

    static CommitResult installed(String transfer) {
      return new CommitResult(transfer, null, null, "installed");
    }

    static CommitResult rejected(String transfer, Reason reason, String detail) {
      return new CommitResult(transfer, reason, null, detail);
    }

    /** The result of a file whose proof the device refused, and so did not install. */
    static CommitResult untrusted(String transfer, TrustException refused) {
      return new CommitResult(
          transfer, Reason.UNTRUSTED, refused.refusal().name(), refused.getMessage());
    }

    /** This result with its detail cut to {@code maxLength} characters, to bound its size. */
    CommitResult truncated(int maxLength) {
      return detail.length() <= maxLength
          ? this
          : new CommitResult(transfer, reason, refusal, detail.substring(0, maxLength) + "...");
    }

    boolean isInstalled() {
      return reason == null;
    }

    boolean isUntrusted() {
      return refusal != null;
    }

    byte[] toJson() {
      Map<String, Object> members = new LinkedHashMap<>();
      members.put("transfer", transfer);
      members.put("status", isInstalled() ? "installed" : "rejected");
      if (isUntrusted()) {
        members.put("reason", UNTRUSTED);
        members.put("refusal", refusal);
      } else if (!isInstalled()) {
        members.put("reason", token(reason));
      }
      members.put("detail", detail);
      return FlatJson.write(members);
    }

    /**
     * Reads a commit result; an unknown reason reads as {@link Reason#OTHER}, an untrusted one
     * without a refusal as refusal {@code unknown}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static CommitResult parse(byte[] json) {
      Map<String, String> members = FlatJson.read(json);
      String transfer = FlatJson.required(members, "transfer");
      String detail = members.getOrDefault("detail", "");
      return switch (FlatJson.required(members, "status")) {
        case "installed" -> new CommitResult(transfer, null, null, detail);
        case "rejected" -> {
          String reason = members.getOrDefault("reason", "other");
          yield reason.equals(UNTRUSTED)
              ? new CommitResult(
                  transfer, Reason.UNTRUSTED, members.getOrDefault("refusal", "unknown"), detail)
              : rejected(transfer, reasonOf(reason), detail);
        }
        default -> throw new IllegalArgumentException("status must be installed or rejected");
      };
    }

    private static String token(Reason reason) {
      return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Reason reasonOf(String text) {
      for (Reason reason : Reason.values()) {
        if (token(reason).equals(text)) {
          return reason;
        }
      }
      return Reason.OTHER;
    }
  }
}
