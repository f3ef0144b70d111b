package io.patchbay.transport.mender;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which devices the gateway's device-API server lets authenticate: those whose identity, or whose
 * public key, the operator preauthorised, or in a lab every device. A refused device is answered
 * 401 and keeps asking, as it would of a Mender server where it is pending.
 *
 * <p>Whatever the policy, a device must sign its request with the key it presents (the {@code
 * X-MEN-Signature} header), so a device admitted by its key proves it holds the private half.
 * Identities alone are claims: on a LAN where devices cannot be trusted to tell the truth, admit
 * keys. Immutable.
 */
public final class DeviceAdmission {

  private final Set<String> identities;
  private final List<byte[]> keys;
  private final boolean all;

  private DeviceAdmission(Set<String> identities, List<byte[]> keys, boolean all) {
    this.identities = identities;
    this.keys = keys;
    this.all = all;
  }

  /** Admits the devices these ids name: the values of their identity attribute. */
  public static DeviceAdmission identities(Collection<String> ids) {
    return new DeviceAdmission(Set.copyOf(ids), List.of(), false);
  }

  /** Admits the devices that present one of these public keys (and sign with it). */
  public static DeviceAdmission keys(Collection<PublicKey> publicKeys) {
    return new DeviceAdmission(
        Set.of(), publicKeys.stream().map(key -> key.getEncoded().clone()).toList(), false);
  }

  /**
   * Admits every device that asks: for labs only. Any machine on the LAN can then pose as any
   * device and be offered its artifacts; the server logs a warning when it starts and for each new
   * device it admits.
   */
  public static DeviceAdmission acceptAll() {
    return new DeviceAdmission(Set.of(), List.of(), true);
  }

  /** Tells whether this policy admits every device. */
  public boolean acceptsAll() {
    return all;
  }

  /** Tells whether the device named {@code id}, presenting {@code key}, may authenticate. */
  boolean admits(String id, PublicKey key) {
    Objects.requireNonNull(id, "id");
    if (all || identities.contains(id)) {
      return true;
    }
    byte[] presented = key.getEncoded();
    return keys.stream().anyMatch(known -> Arrays.equals(known, presented));
  }
}
