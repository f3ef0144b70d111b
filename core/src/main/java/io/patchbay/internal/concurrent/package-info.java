/**
 * Not API: concurrency helpers for Patchbay's own modules, public only so that the transports can
 * use them; they may change without notice. One thread factory ({@link
 * io.patchbay.internal.concurrent.DaemonThreads}) and one bounded fan-out ({@link
 * io.patchbay.internal.concurrent.BoundedFanOut}) for every module, rather than a copy in each.
 */
package io.patchbay.internal.concurrent;
