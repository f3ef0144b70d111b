package io.patchbay.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Objects;

/**
 * The Jackson set-up every Patchbay module shares: the only place a {@link JsonFactory} is built
 * (an architecture test holds every module to it). Not API, may change.
 *
 * <p>Streams belong to whoever opened them, so parsers and generators leave them open; a write that
 * fails half-way is not completed with closing brackets; field names stay out of the JVM-wide
 * string pool. Thread-safe.
 */
public final class Json {

  private static final JsonFactory DEFAULT_FACTORY = newFactory(JsonReader.Limits.DEFAULTS);

  private Json() {}

  /**
   * A generator that writes UTF-8 JSON to {@code out}; closing it flushes {@code out} and leaves it
   * open.
   *
   * @throws IOException if Jackson cannot set up the generator
   */
  public static JsonGenerator generator(OutputStream out) throws IOException {
    return DEFAULT_FACTORY.createGenerator(Objects.requireNonNull(out, "out"));
  }

  /**
   * A generator that writes JSON text to {@code out}; closing it flushes {@code out} and leaves it
   * open.
   *
   * @throws IOException if Jackson cannot set up the generator
   */
  public static JsonGenerator generator(Writer out) throws IOException {
    return DEFAULT_FACTORY.createGenerator(Objects.requireNonNull(out, "out"));
  }

  /**
   * A factory whose parsers enforce {@code limits}. Jackson keeps read constraints on the factory,
   * not on each parser, so only the defaults' factory is shared; other limits get a fresh one,
   * which costs little next to a document and cannot pile up in a cache.
   */
  static JsonFactory factoryFor(JsonReader.Limits limits) {
    return limits.equals(JsonReader.Limits.DEFAULTS) ? DEFAULT_FACTORY : newFactory(limits);
  }

  private static JsonFactory newFactory(JsonReader.Limits limits) {
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
