/** Step 1: ask a client what it holds. */
package io.patchbay.interrogate;
