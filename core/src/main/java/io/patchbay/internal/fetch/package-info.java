/**
 * Not API (see {@link io.patchbay.internal}): the verifying copy that the fetch step, the trust
 * checks and the reference devices of every transport share.
 */
package io.patchbay.internal.fetch;
