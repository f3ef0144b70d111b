/**
 * The one place Patchbay configures Jackson: the hardened {@link io.patchbay.internal.json.Json}
 * factory every module reads and writes JSON with, and the streaming {@link
 * io.patchbay.internal.json.JsonReader} that reads documents from peers within limits and says
 * where one breaks a rule.
 *
 * <p>Not API, may change: the types are public only so that the transports and the CLI can use
 * them. Users and examples never import this package.
 */
package io.patchbay.internal.json;
