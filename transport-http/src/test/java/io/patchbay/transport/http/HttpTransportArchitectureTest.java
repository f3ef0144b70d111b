package io.patchbay.transport.http;

import io.patchbay.architecture.TransportArchitectureRules;

/**
 * The HTTP transport is a leaf: it builds on core, the JDK and Jetty, and on no other transport.
 */
class HttpTransportArchitectureTest extends TransportArchitectureRules {

  HttpTransportArchitectureTest() {
    super(
        "io.patchbay.transport.http",
        "io.patchbay.version..",
        "io.patchbay.format..",
        "io.patchbay.device..",
        // The reference device answers a TrustException with its problem type.
        "io.patchbay.trust..",
        "javax.net..",
        "javax.security.auth.x500..",
        "org.eclipse.jetty..");
  }
}
