package io.patchbay.format;

import io.patchbay.internal.json.JsonReader;

/**
 * The most a reader accepts from one document, so that a broken or hostile peer cannot make it use
 * unbounded memory: a document over any limit fails with {@link FormatException.Problem#TOO_LARGE}.
 *
 * <p>Immutable; each {@code with...} method returns a copy with one limit changed, as in {@code
 * JsonLimits.defaults().withMaxEntries(100_000)}.
 *
 * @param maxDocumentBytes the longest document in bytes, white space included
 * @param maxEntries the most entries the {@code files} array may hold
 * @param maxStringLength the longest string value, in characters, and the longest field name, in
 *     UTF-8 bytes
 * @param maxNestingDepth the deepest nesting of objects and arrays, the document's own object
 *     counting as 1; a catalog entry's targets need 5
 */
public record JsonLimits(
    long maxDocumentBytes, int maxEntries, int maxStringLength, int maxNestingDepth) {

  // The shared reader's defaults, so that default reads use the one shared factory.
  private static final JsonLimits DEFAULTS =
      new JsonLimits(
          JsonReader.Limits.DEFAULTS.maxDocumentBytes(),
          JsonReader.Limits.DEFAULTS.maxEntries(),
          JsonReader.Limits.DEFAULTS.maxStringLength(),
          JsonReader.Limits.DEFAULTS.maxNestingDepth());

  private static final JsonLimits DEVICE_MANIFESTS =
      new JsonLimits(4L * 1024 * 1024, 20_000, 4096, 16);

  /**
   * Checks the limits.
   *
   * @throws IllegalArgumentException if a limit is not positive
   */
  public JsonLimits {
    requirePositive("maxDocumentBytes", maxDocumentBytes);
    requirePositive("maxEntries", maxEntries);
    requirePositive("maxStringLength", maxStringLength);
    requirePositive("maxNestingDepth", maxNestingDepth);
  }

  /**
   * Limits sized for a manifest of a million files with room to spare: 512 MiB, 5,000,000 entries,
   * strings of 65,536 characters and nesting 64 deep.
   */
  public static JsonLimits defaults() {
    return DEFAULTS;
  }

  /**
   * Small limits for the manifest a device reports, since any device on the LAN can send one: 4
   * MiB, 20,000 entries, strings of 4,096 characters and nesting 16 deep. Reading one within them
   * costs at most some tens of MiB of heap.
   */
  public static JsonLimits deviceManifests() {
    return DEVICE_MANIFESTS;
  }

  /** These limits with another maximum document size, in bytes. */
  public JsonLimits withMaxDocumentBytes(long bytes) {
    return new JsonLimits(bytes, maxEntries, maxStringLength, maxNestingDepth);
  }

  /** These limits with another maximum number of entries in the {@code files} array. */
  public JsonLimits withMaxEntries(int entries) {
    return new JsonLimits(maxDocumentBytes, entries, maxStringLength, maxNestingDepth);
  }

  /** These limits with another maximum length of strings and field names. */
  public JsonLimits withMaxStringLength(int length) {
    return new JsonLimits(maxDocumentBytes, maxEntries, length, maxNestingDepth);
  }

  /** These limits with another maximum nesting depth. */
  public JsonLimits withMaxNestingDepth(int depth) {
    return new JsonLimits(maxDocumentBytes, maxEntries, maxStringLength, depth);
  }

  /** These limits for the shared reader. */
  JsonReader.Limits readerLimits() {
    return new JsonReader.Limits(maxDocumentBytes, maxEntries, maxStringLength, maxNestingDepth);
  }

  private static void requirePositive(String limit, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(limit + " must be positive: " + value);
    }
  }
}
