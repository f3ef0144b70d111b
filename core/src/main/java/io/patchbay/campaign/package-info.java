/**
 * Above the update: a campaign rolls one catalog out over a fleet in waves, with a canary first,
 * success and error thresholds, maintenance windows, limits and a bandwidth budget, and a
 * crash-safe journal so a gateway killed mid-campaign resumes where it stopped; or, through the
 * {@link io.patchbay.campaign.CampaignStore} seam, a store several gateways share, each leasing the
 * clients it updates.
 *
 * <p>{@link io.patchbay.campaign.CampaignReport}, {@link io.patchbay.campaign.WaveReport} and
 * {@link io.patchbay.campaign.ClientOutcome} are output, made by the campaign: their accessors are
 * API, their canonical constructors and record patterns are not, and a release may add a component
 * (see {@link io.patchbay.report}).
 */
package io.patchbay.campaign;
