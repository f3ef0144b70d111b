/**
 * Not API (see {@link io.patchbay.internal}): the storage behind the reference device agents of
 * every transport, and the base class through which they share it.
 */
package io.patchbay.internal.device;
