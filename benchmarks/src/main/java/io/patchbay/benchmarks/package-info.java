/**
 * JMH benchmarks of planning and parsing large manifests, each next to a naive baseline written
 * here (Jackson tree model, semver4j on every comparison); results and how to rerun them are in
 * {@code BENCHMARKS.md} at the top of the repository.
 */
package io.patchbay.benchmarks;
