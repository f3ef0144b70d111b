/**
 * The JSON wire format of manifests and catalogs: {@link io.patchbay.format.ManifestJson} and
 * {@link io.patchbay.format.CatalogJson} read and write them, {@link io.patchbay.format.JsonLimits}
 * bounds what a reader accepts, and every rule a document breaks is a {@link
 * io.patchbay.format.FormatException} that says where.
 *
 * <p>The format itself, field by field, is specified in {@code docs/formats.md}, with JSON Schemas
 * in {@code docs/schema/}.
 */
package io.patchbay.format;
