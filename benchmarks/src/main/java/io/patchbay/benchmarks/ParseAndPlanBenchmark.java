package io.patchbay.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchbay.format.CatalogJson;
import io.patchbay.format.ManifestJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.Client;
import io.patchbay.model.Manifest;
import io.patchbay.plan.Planner;
import io.patchbay.plan.UpdatePlan;
import io.patchbay.plan.UpdatePolicy;
import io.patchbay.version.VersionSchemes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
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
 * Planning from the bytes a client and a head end send: our streaming readers and {@link Planner}
 * against Jackson's tree model and the indexed naive baseline.
 *
 * <p>Both sides read the same UTF-8 documents from an {@code InputStream}, as a gateway would from
 * a response body. Each trial first checks that both plan the documents as the fixture says.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class ParseAndPlanBenchmark {

  /** How many files the catalog lists. */
  @Param({"1000", "100000", "1000000"})
  public int size;

  /** How much of the client's list is behind the catalog. */
  @Param({"FEW", "MANY"})
  public ChangeRate changes;

  /** The order of the client's list. */
  @Param({"SHUFFLED"})
  public ClientOrder order;

  private final ObjectMapper mapper = new ObjectMapper();
  private Client client;
  private byte[] manifestJson;
  private byte[] catalogJson;

  /**
   * Generates the documents and checks that both sides plan them as the fixture says.
   *
   * @throws IllegalStateException if a side's plan differs from the fixture's
   */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    PlanFixture fixture = PlanFixture.generate(size, changes, order, PlanFixture.SEED);
    client = fixture.client();
    manifestJson = fixture.manifestJson();
    catalogJson = fixture.catalogJson();
    Agreement.check(fixture, "patchbay", patchbay().countByAction());
    Agreement.check(fixture, "indexedBaseline", NaiveBaseline.countByAction(indexedBaseline()));
  }

  /** Our streaming readers, then our planner. */
  @Benchmark
  public UpdatePlan patchbay() throws IOException {
    Manifest manifest = ManifestJson.read(new ByteArrayInputStream(manifestJson));
    Catalog catalog = CatalogJson.read(new ByteArrayInputStream(catalogJson));
    return Planner.plan(
        client, manifest, catalog, VersionSchemes.defaults(), UpdatePolicy.defaults());
  }

  /** Jackson's tree model for both documents, then the naive baseline with a hash index. */
  @Benchmark
  public List<NaiveBaseline.Decision> indexedBaseline() throws IOException {
    JsonNode manifest = mapper.readTree(new ByteArrayInputStream(manifestJson));
    JsonNode catalog = mapper.readTree(new ByteArrayInputStream(catalogJson));
    return NaiveBaseline.planWithIndex(manifest, catalog);
  }
}
