/** Step 3: compare a client's current list with the central list, as a pure function. */
package io.patchbay.plan;
