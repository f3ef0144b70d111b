/**
 * Step 4: download each needed artifact once, verify it against the catalog, keep it for transfer.
 */
package io.patchbay.fetch;
