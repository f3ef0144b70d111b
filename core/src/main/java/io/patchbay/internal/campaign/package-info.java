/**
 * Not API: what the campaign step shares with the command line, public only for that; it may change
 * without notice. {@link io.patchbay.internal.campaign.ReloadingFile} is the one change-check of a
 * client source file (the gateway's clients file, a DHCP lease file).
 */
package io.patchbay.internal.campaign;
