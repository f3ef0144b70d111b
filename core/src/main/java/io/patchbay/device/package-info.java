/**
 * The other end of a transfer: {@link io.patchbay.device.DeviceAgent}, what the reference device
 * agent of every transport offers, so that a test or a demo can run a fleet of real devices over
 * any mix of transports.
 */
package io.patchbay.device;
