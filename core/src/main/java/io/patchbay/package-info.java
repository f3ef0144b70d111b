/**
 * Patchbay: keeps the software on fleets of IP clients up to date through a gateway.
 *
 * <p>The sub-packages read as the steps of an update: {@link io.patchbay.interrogate a client is
 * interrogated}, {@link io.patchbay.catalog the head end's catalog is read}, {@link
 * io.patchbay.plan a plan is made}, artifacts are {@link io.patchbay.fetch fetched} and {@link
 * io.patchbay.transfer transferred}, and {@link io.patchbay.report a report} is written. {@link
 * io.patchbay.update.UpdateOrchestrator} composes the steps.
 */
package io.patchbay;
