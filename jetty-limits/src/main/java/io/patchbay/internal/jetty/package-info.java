/**
 * Not API: the hardened Jetty server that Patchbay's transports serve on, public only so that the
 * HTTP and Mender transports share it without depending on each other; it may change without
 * notice. {@link io.patchbay.internal.jetty.LimitedServer} bounds what a slow or greedy peer holds:
 * a deadline for each request's header (slow loris), an idle timeout, and connection limits per
 * remote address and in all ({@link io.patchbay.internal.jetty.ConnectionLimits}).
 */
package io.patchbay.internal.jetty;
