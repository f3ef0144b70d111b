/** The orchestrator that composes the steps of an update, and the listener that watches it. */
package io.patchbay.update;
