package io.patchbay.transport.mender;

import java.time.Duration;

/**
 * What the device-API server accepts from devices before it refuses a request or a connection.
 *
 * @param maxDevices devices known at once
 * @param maxRequestBytes the largest JSON body of any request but a log upload
 * @param maxLogBytes the largest log upload
 * @param maxAttributes the most identity, inventory or provides attributes in one request
 * @param maxValueLength the longest attribute name or value, or log message, in characters
 * @param maxConnections connections open at once in all
 * @param maxRequestsPerPeer requests handled at once for one remote address
 * @param idleTimeout how long a connection may be silent
 */
record DeviceLimits(
    int maxDevices,
    int maxRequestBytes,
    int maxLogBytes,
    int maxAttributes,
    int maxValueLength,
    int maxConnections,
    int maxRequestsPerPeer,
    Duration idleTimeout) {}
