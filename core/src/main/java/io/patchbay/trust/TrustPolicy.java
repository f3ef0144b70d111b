package io.patchbay.trust;

import java.security.PublicKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which keys a gateway trusts to sign catalogs, and how many of them must have signed one: k of n.
 *
 * <p>A threshold above one means no single stolen key can sign a catalog; more keys than the
 * threshold let an operator rotate keys without a flag day (publish catalogs signed by old and new
 * keys, move gateways to the new set, retire the old key), in the spirit of TUF and Uptane.
 *
 * @param keys the trusted public keys by {@linkplain Ed25519Keys#keyId key id}
 * @param threshold how many distinct trusted keys must have signed, at least 1 and at most the
 *     number of keys
 */
public record TrustPolicy(Map<String, PublicKey> keys, int threshold) {

  /**
   * Copies and checks.
   *
   * @throws IllegalArgumentException if the threshold is out of range or a key is not under its id
   */
  public TrustPolicy {
    keys = Map.copyOf(keys);
    if (threshold < 1 || threshold > keys.size()) {
      throw new IllegalArgumentException(
          "Threshold must be between 1 and the number of trusted keys ("
              + keys.size()
              + "), not "
              + threshold);
    }
    keys.forEach(
        (id, key) -> {
          if (!id.equals(Ed25519Keys.keyId(key))) {
            throw new IllegalArgumentException(
                "Key listed under " + id + " has id " + Ed25519Keys.keyId(key));
          }
        });
  }

  /**
   * A policy trusting {@code keys} with threshold {@code threshold}; a key given twice counts once.
   *
   * @throws IllegalArgumentException if the threshold is out of range
   */
  public static TrustPolicy of(int threshold, Collection<PublicKey> keys) {
    Map<String, PublicKey> byId = new LinkedHashMap<>();
    keys.forEach(key -> byId.put(Ed25519Keys.keyId(key), key));
    return new TrustPolicy(byId, threshold);
  }
}
