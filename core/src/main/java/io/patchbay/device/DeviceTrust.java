package io.patchbay.device;

import io.patchbay.model.EntryProof;
import io.patchbay.model.FileEntry;
import io.patchbay.trust.ProofVerifier;
import io.patchbay.trust.TrustException;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a reference device trusts before it installs a file: the head end's signature, checked
 * through the proof that came with the file ({@link #verifiedBy(ProofVerifier)}), or, for labs
 * only, nothing at all ({@link #insecure()}). There is no default: a device agent is given one
 * explicitly, so none ends up installing whatever the LAN sends by omission.
 */
public final class DeviceTrust {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceTrust.class);

  private final ProofVerifier verifier;

  private DeviceTrust(ProofVerifier verifier) {
    this.verifier = verifier;
  }

  /** Installs only files whose proof {@code verifier} accepts. */
  public static DeviceTrust verifiedBy(ProofVerifier verifier) {
    return new DeviceTrust(Objects.requireNonNull(verifier, "verifier"));
  }

  /**
   * Installs whatever arrives with a matching digest, signed or not: anyone on the LAN can install
   * anything. For labs and tests; {@link #warnIfInsecure(String)} says so when a device starts.
   */
  public static DeviceTrust insecure() {
    return new DeviceTrust(null);
  }

  /** Tells whether this device installs unsigned files. */
  public boolean isInsecure() {
    return verifier == null;
  }

  /** Logs a warning naming {@code device} if it installs unsigned files. */
  public void warnIfInsecure(String device) {
    if (isInsecure()) {
      LOG.warn(
          "{} is INSECURE: it installs any file sent to it, signed or not (give it trusted keys"
              + " and a repository id to verify the head end's signature)",
          device);
    }
  }

  /**
   * Checks that {@code proof} shows the head end signed exactly {@code received}, whose size and
   * SHA-256 the device computed itself; returns normally if the device may install it.
   *
   * @throws TrustException if it may not, saying why
   * @throws IOException if the device's trust state cannot be read or recorded
   */
  public void check(Optional<EntryProof> proof, FileEntry received) throws IOException {
    if (verifier != null) {
      verifier.verify(
          proof, received.name(), received.version(), received.size(), received.sha256());
    }
  }
}
