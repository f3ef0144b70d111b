/**
 * Above the update: a campaign rolls one catalog out over a fleet in waves, with a canary first,
 * success and error thresholds, maintenance windows, limits and a bandwidth budget, and a
 * crash-safe journal so a gateway killed mid-campaign resumes where it stopped.
 */
package io.patchbay.campaign;
