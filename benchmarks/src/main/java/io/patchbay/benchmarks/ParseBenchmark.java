package io.patchbay.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchbay.format.CatalogJson;
import io.patchbay.format.ManifestJson;
import io.patchbay.internal.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a manifest or a catalog from bytes: our validating readers against the limit, a bare
 * jackson-core token loop over the same bytes that reads every value as a string, beside our
 * readers' bare walk of the JSON (what of their time is not checking and indexing) and Jackson's
 * tree model. The forks run in {@code -Xmx3g}, which the fixture's generation needs (it holds the
 * model and both documents); parsing itself is checked against {@code -Xmx1g} by {@code
 * ParseWithinHeapTest}. The heap is fixed and touched at start ({@code -Xms3g
 * -XX:+AlwaysPreTouch}): our reader keeps what it reads, so its heap grows on every read while the
 * token loop's garbage reuses the young generation, and a heap that gives memory back between reads
 * would charge the kernel's zeroing of fresh pages to our side alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx3g", "-Xms3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class ParseBenchmark {

  /** Which document is read. */
  public enum Document {
    /** A client's current list. */
    MANIFEST,
    /** The head end's catalog (with sizes, digests and locations). */
    CATALOG
  }

  /** How many entries the document holds. */
  @Param({"1000", "100000", "1000000"})
  public int size;

  /** Which document is read. */
  @Param({"MANIFEST", "CATALOG"})
  public Document document;

  /** What {@link #readerWalk()} reads of a document: its files; other fields are skipped. */
  private static final JsonReader.Fields WALKED_DOCUMENT = JsonReader.Fields.required("files");

  private static final JsonReader.Fields WALKED_ENTRY =
      JsonReader.Fields.required("name", "version").optional("sha256", "size", "location");

  private final JsonFactory tokens = new JsonFactory();
  private final ObjectMapper mapper = new ObjectMapper();
  private byte[] bytes;

  /** Generates the document: the plan fixture's, a few changes, the client's list shuffled. */
  @Setup(Level.Trial)
  public void setUp() {
    PlanFixture fixture =
        PlanFixture.generate(size, ChangeRate.FEW, ClientOrder.SHUFFLED, PlanFixture.SEED);
    bytes = document == Document.MANIFEST ? fixture.manifestJson() : fixture.catalogJson();
  }

  /** Our reader: every rule of docs/formats.md checked, the entries indexed by name. */
  @Benchmark
  public Object patchbay() throws IOException {
    return document == Document.MANIFEST
        ? ManifestJson.read(new ByteArrayInputStream(bytes))
        : CatalogJson.read(new ByteArrayInputStream(bytes));
  }

  /**
   * The limit: every token of the same bytes, every value read as a string (which is what a reader
   * must at least do), nothing checked or kept.
   */
  @Benchmark
  public long jacksonTokens() throws IOException {
    long characters = 0;
    try (JsonParser parser = tokens.createParser(new ByteArrayInputStream(bytes))) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token.isScalarValue()) {
          characters += parser.getText().length();
        }
      }
    }
    return characters;
  }

  /**
   * How much of {@link #patchbay()} is walking the JSON: our readers' walk of the same bytes, which
   * reads every entry's values as they do (names, versions and locations as strings, the digest
   * from the parser's characters, the size as a number) and checks, keeps and indexes nothing.
   * Returns the entries walked.
   */
  @Benchmark
  public long readerWalk() throws IOException {
    return JsonReader.read(
        new ByteArrayInputStream(bytes),
        JsonReader.Limits.DEFAULTS,
        (kind, at, reason, cause) -> new IllegalStateException(reason, cause),
        ParseBenchmark::walkDocument);
  }

  private static long walkDocument(JsonReader json) throws IOException {
    long[] entries = new long[1];
    JsonReader.ObjectReader document = json.object(WALKED_DOCUMENT);
    for (String field = document.next(); field != null; field = document.next()) {
      JsonReader.ObjectReader[] entry = new JsonReader.ObjectReader[1];
      json.forEachEntry(
          element -> {
            entry[0] = entry[0] == null ? element.object(WALKED_ENTRY) : entry[0].restart();
            for (String value = entry[0].next(); value != null; value = entry[0].next()) {
              switch (value) {
                case "sha256" -> element.characters("a digest", (text, offset, length) -> length);
                case "size" -> element.nonNegativeInteger();
                default -> element.string("a string");
              }
            }
            entries[0]++;
          });
    }
    return entries[0];
  }

  /** Jackson's tree model of the same bytes. */
  @Benchmark
  public JsonNode treeModel() throws IOException {
    return mapper.readTree(new ByteArrayInputStream(bytes));
  }
}
