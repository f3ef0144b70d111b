/** Version schemes: how the planner tells which of two version identifiers is newer. */
package io.patchbay.version;
