/**
 * The Mender transport: {@link io.patchbay.transport.mender.MenderTransport} serves the Mender
 * device API on the gateway's LAN, so that unmodified Mender clients are interrogated and updated
 * from the gateway's cache (docs/protocol-mender.md).
 */
package io.patchbay.transport.mender;
