/** The immutable values every step shares: files, manifests, catalogs and clients. */
package io.patchbay.model;
