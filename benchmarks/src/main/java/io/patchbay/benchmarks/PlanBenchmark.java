package io.patchbay.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchbay.model.Catalog;
import io.patchbay.model.Client;
import io.patchbay.model.Manifest;
import io.patchbay.plan.Planner;
import io.patchbay.plan.UpdatePlan;
import io.patchbay.plan.UpdatePolicy;
import io.patchbay.version.VersionSchemes;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Planning one client's current list against the catalog, inputs already in memory: our {@link
 * Planner} on records against the naive baseline on Jackson trees.
 *
 * <p>{@link #naiveBaseline()} scans lists and is quadratic; it refuses sizes over {@value
 * #NAIVE_LIMIT} (a million files would take hours per operation), so run it with {@code -p
 * size=1000,100000}. {@link #indexedBaseline()} is the same baseline with a hash index and runs at
 * every size. Each trial first checks that the planner it measures and the baseline agree with the
 * fixture on every action count, so no side wins by doing less.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx8g")
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class PlanBenchmark {

  /** The largest catalog {@link #naiveBaseline()} accepts. */
  static final int NAIVE_LIMIT = 100_000;

  /** How many files the catalog lists. */
  @Param({"1000", "100000", "1000000"})
  public int size;

  /** How much of the client's list is behind the catalog. */
  @Param({"FEW", "MANY"})
  public ChangeRate changes;

  private Client client;
  private Manifest manifest;
  private Catalog catalog;
  private JsonNode manifestTree;
  private JsonNode catalogTree;

  /**
   * Generates the fixture, checks that both sides plan it correctly, and keeps only what the
   * benchmark about to run reads.
   *
   * @throws IllegalStateException if a side's plan differs from the fixture's
   * @throws IllegalArgumentException if the naive baseline is asked for more than {@value
   *     #NAIVE_LIMIT} files
   */
  @Setup
  public void setUp(BenchmarkParams params) throws IOException {
    String benchmark = params.getBenchmark();
    boolean naive = benchmark.endsWith(".naiveBaseline");
    if (naive && size > NAIVE_LIMIT) {
      throw new IllegalArgumentException(
          "naiveBaseline is quadratic and would take hours per operation at " + size
              + " files; run it with -p size=1000,100000 and use indexedBaseline for larger sizes");
    }
    PlanFixture fixture = PlanFixture.generate(size, changes, PlanFixture.SEED);
    client = fixture.client();
    manifest = fixture.manifest();
    catalog = fixture.catalog();
    ObjectMapper mapper = new ObjectMapper();
    manifestTree = mapper.readTree(fixture.manifestJson());
    catalogTree = mapper.readTree(fixture.catalogJson());

    Agreement.check(fixture, "patchbay", patchbay().countByAction());
    Agreement.check(
        fixture, naive ? "naiveBaseline" : "indexedBaseline",
        NaiveBaseline.countByAction(naive ? naiveBaseline() : indexedBaseline()));

    if (benchmark.endsWith(".patchbay")) {
      manifestTree = null;
      catalogTree = null;
    } else {
      manifest = null;
      catalog = null;
    }
  }

  /** Our planner on records. */
  @Benchmark
  public UpdatePlan patchbay() {
    return Planner.plan(client, manifest, catalog, VersionSchemes.defaults(), UpdatePolicy.defaults());
  }

  /** The naive baseline: tree model, a linear scan of the client's list per catalog file, semver4j per comparison. */
  @Benchmark
  public List<NaiveBaseline.Decision> naiveBaseline() {
    return NaiveBaseline.planWithListScans(manifestTree, catalogTree);
  }

  /** The naive baseline with a hash index of the client's list instead of list scans. */
  @Benchmark
  public List<NaiveBaseline.Decision> indexedBaseline() {
    return NaiveBaseline.planWithIndex(manifestTree, catalogTree);
  }
}
