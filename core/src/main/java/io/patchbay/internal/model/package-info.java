/**
 * Not API (see {@link io.patchbay.internal}): the flat, position-ordered index behind manifests and
 * catalogs, which the planner reads column by column.
 */
package io.patchbay.internal.model;
