/** Step 2: read the head end's central list and open its artifacts. */
package io.patchbay.catalog;
