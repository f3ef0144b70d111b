/**
 * Core's behaviour tests, run here because they need the testkit's fakes: the orchestrator and its
 * sessions ({@code update}), campaigns ({@code campaign}) and trusted catalogs ({@code trust}).
 * They test through core's public API only, as a user's tests would; the one exception is reading a
 * campaign journal on disk, which goes through the documented seam {@link
 * io.patchbay.campaign.JournalContents} in core's test jar. Unit tests that need core's
 * package-private types live in core's own test sources, next to what they test.
 */
package io.patchbay.behaviour;
