/**
 * In-memory fakes of every Patchbay interface, for testing update logic without a network: a {@link
 * io.patchbay.testkit.FakeFleet} of {@link io.patchbay.testkit.FakeDevice}s, an {@link
 * io.patchbay.testkit.InMemoryCatalog}, a {@link io.patchbay.testkit.RecordingListener} and a
 * {@link io.patchbay.testkit.FakeTransport}.
 */
package io.patchbay.testkit;
