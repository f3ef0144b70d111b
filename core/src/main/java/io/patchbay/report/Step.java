package io.patchbay.report;

/** The steps of an update, in order; reports name the one where something failed. */
public enum Step {
  /** Fetching the head end's catalog. */
  CATALOG,
  /** Asking the client for its current list. */
  INTERROGATE,
  /** Comparing the lists. */
  PLAN,
  /** Downloading and verifying an artifact into the gateway. */
  FETCH,
  /** Moving an artifact to the client. */
  TRANSFER,
  /** Interrogating the client again to confirm it reports the new version. */
  CONFIRM
}
