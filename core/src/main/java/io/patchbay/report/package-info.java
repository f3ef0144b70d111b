/**
 * Step 6: what happened, per file, per client and per fleet run.
 *
 * <p>These records are output: callers read them and never need to make them. Their accessors are
 * API; their canonical constructors (public because Java requires a record's to be, JLS 8.10.4) and
 * their record patterns are not, and a release may add a component. Tests that need reports get
 * real ones by running the orchestrator against the testkit's fakes.
 */
package io.patchbay.report;
