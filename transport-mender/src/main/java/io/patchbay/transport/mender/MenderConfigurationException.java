package io.patchbay.transport.mender;

import io.patchbay.PatchbayException;

/**
 * Thrown when the Mender transport is used in a way its configuration does not allow: a {@code
 * mender://} client with no device-API server listening (the instance {@link
 * java.util.ServiceLoader} makes), or a catalog asked of the {@code mender} scheme, which names
 * devices, not head ends.
 */
public final class MenderConfigurationException extends PatchbayException {

  /** Creates the error; {@code message} says what to configure. */
  public MenderConfigurationException(String message) {
    super(message);
  }
}
