package io.patchbay.transport.mender;

import io.patchbay.architecture.TransportArchitectureRules;

/**
 * The Mender transport is a leaf: it builds on core, the JDK, Jetty, Commons Compress, slf4j and
 * jackson-core, and on no other transport (their jars are on its test class path only).
 */
class MenderTransportArchitectureTest extends TransportArchitectureRules {

  MenderTransportArchitectureTest() {
    super("io.patchbay.transport.mender", "org.eclipse.jetty..", "org.apache.commons.compress..");
  }
}
