/**
 * Trusted catalogs: Ed25519 signatures by the operator's keys, a k-of-n threshold, rollback and
 * freeze protection. A gateway wraps its head end in a {@link io.patchbay.trust.TrustedCatalog},
 * and no catalog reaches the planner unless a {@link io.patchbay.trust.CatalogVerifier} accepted
 * it. The signed form is described in {@code docs/signing.md}.
 */
package io.patchbay.trust;
