/**
 * The HTTP transport: {@link io.patchbay.transport.http.HttpCentralCatalog} reads a head end of
 * static files, {@link io.patchbay.transport.http.HttpClientInterrogator} and {@link
 * io.patchbay.transport.http.HttpTransferer} speak the device protocol, and {@link
 * io.patchbay.transport.http.HttpDeviceAgent} is its reference device.
 */
package io.patchbay.transport.http;
