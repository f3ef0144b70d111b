package io.patchbay.transport.mender;

import io.patchbay.internal.jetty.ConnectionLimits;

/**
 * What the device-API server accepts from devices before it refuses a request or a connection.
 *
 * @param maxDevices devices known at once
 * @param maxRequestBytes the largest JSON body of any request but a log upload
 * @param maxLogBytes the largest log upload
 * @param maxAttributes the most identity, inventory or provides attributes in one request
 * @param maxValueLength the longest attribute name or value, or log message, in characters
 * @param connections the header deadline, idle timeout and connection limits the server enforces
 *     before a request reaches the API
 * @param maxRequestsPerPeer requests handled at once for one remote address
 */
record DeviceLimits(
    int maxDevices,
    int maxRequestBytes,
    int maxLogBytes,
    int maxAttributes,
    int maxValueLength,
    ConnectionLimits connections,
    int maxRequestsPerPeer) {}
