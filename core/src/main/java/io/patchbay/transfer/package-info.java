/** Step 5: move a verified artifact to a client. */
package io.patchbay.transfer;
