/** Step 6: what happened, per file, per client and per fleet run. */
package io.patchbay.report;
