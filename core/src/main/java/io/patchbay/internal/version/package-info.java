/**
 * Not API (see {@link io.patchbay.internal}): version keys that the model computes once when it
 * indexes entries and that the planner compares instead of the version strings.
 */
package io.patchbay.internal.version;
