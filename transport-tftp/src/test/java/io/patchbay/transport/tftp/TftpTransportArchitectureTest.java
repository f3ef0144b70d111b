package io.patchbay.transport.tftp;

import io.patchbay.architecture.TransportArchitectureRules;

/** The TFTP transport is a leaf: it builds on core and the JDK, and on no other transport. */
class TftpTransportArchitectureTest extends TransportArchitectureRules {

  TftpTransportArchitectureTest() {
    super(
        "io.patchbay.transport.tftp",
        "io.patchbay.format..",
        "io.patchbay.device..",
        "io.patchbay.trust..");
  }
}
