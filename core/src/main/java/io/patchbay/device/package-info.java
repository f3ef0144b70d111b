/**
 * The other end of a transfer: what a device keeps. Device agents of every transport store the
 * files they install, and the manifest they report, through {@link io.patchbay.device.DeviceStore}.
 */
package io.patchbay.device;
