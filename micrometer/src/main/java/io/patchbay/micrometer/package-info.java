/**
 * Micrometer meters for Patchbay: {@link io.patchbay.micrometer.PatchbayMetrics} listens to updates
 * and campaigns and records them in any {@link io.micrometer.core.instrument.MeterRegistry}.
 */
package io.patchbay.micrometer;
