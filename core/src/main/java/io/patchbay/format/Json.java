package io.patchbay.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;

/** The Jackson set-up that the manifest and catalog formats share. */
final class Json {

  /** The only schema version this package reads and the one it writes. */
  static final int SCHEMA_VERSION = 1;

  private static final JsonFactory DEFAULT_FACTORY = newFactory(JsonLimits.defaults());

  private Json() {}

  /**
   * A thread-safe factory whose parsers enforce {@code limits}. Jackson keeps read constraints on
   * the factory, not on each parser, so only the defaults' factory is shared; other limits get a
   * fresh one, which costs little next to a document and cannot pile up in a cache.
   */
  static JsonFactory factoryFor(JsonLimits limits) {
    return limits.equals(JsonLimits.defaults()) ? DEFAULT_FACTORY : newFactory(limits);
  }

  /** The shared factory, for writing. */
  static JsonFactory factory() {
    return DEFAULT_FACTORY;
  }

  private static JsonFactory newFactory(JsonLimits limits) {
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxStringLength(limits.maxStringLength())
            .maxNameLength(limits.maxStringLength())
            .maxNestingDepth(limits.maxNestingDepth())
            .build();
    return JsonFactory.builder()
        .streamReadConstraints(constraints)
        // The caller opened the stream, so the caller closes it.
        .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        // A write that fails half-way must not be completed with closing brackets: the truncated
        // document would then read as a valid, shorter one.
        .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
        // Field names come from peers; keep them out of the JVM-wide string pool.
        .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
        .build();
  }
}
