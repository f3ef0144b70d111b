/**
 * Not API: types public only so that Patchbay's own modules (the transports, the testkit, the
 * command line) can share them. They may change or go away in any release without notice; code
 * outside Patchbay, examples and documentation never use them (ArchUnit and a documentation test
 * check it). Sub-packages are named for the step they serve, and count as part of it in core's
 * dependency rules.
 */
package io.patchbay.internal;
