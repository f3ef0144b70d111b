package io.patchbay.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchbay.format.CatalogJson;
import io.patchbay.format.ManifestJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.Client;
import io.patchbay.model.Manifest;
import io.patchbay.plan.PlannedFile;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Planning one client's current list against the catalog, inputs already in memory: our {@link
 * Planner} on the records our readers make against the naive baseline on the trees Jackson's {@code
 * ObjectMapper} makes, from the same documents.
 *
 * <p>{@link #naiveBaseline()} scans lists and is quadratic; it refuses sizes over {@value
 * #NAIVE_LIMIT} (a million files would take hours per operation), so run it with {@code -p
 * size=1000,100000}. {@link #indexedBaseline()} is the same baseline with a hash index and runs at
 * every size. Every trial first checks that our planner and the baseline plan the fixture correctly
 * (the same count of files for every action), so no side wins by doing less.
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

  /** The order of the client's list; {@code -p order=CATALOG} measures the friendlier case. */
  @Param({"SHUFFLED"})
  public ClientOrder order;

  private Client client;
  private Manifest manifest;
  private Catalog catalog;
  private JsonNode manifestTree;
  private JsonNode catalogTree;
  private PlanFixture fixture;
  private List<NaiveBaseline.Decision> lastNaivePlan;

  /**
   * Generates the fixture, checks that our planner and the indexed baseline plan it as the fixture
   * says, and keeps only what the benchmark about to run reads. (The naive baseline is checked
   * after each iteration instead: at 100,000 files one more run of it would cost minutes.)
   *
   * @throws IllegalStateException if a side's plan differs from the fixture's
   * @throws IllegalArgumentException if the naive baseline is asked for more than {@value
   *     #NAIVE_LIMIT} files
   */
  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) throws IOException {
    setUp(params.getBenchmark());
  }

  /** {@link #setUp(BenchmarkParams)} for the benchmark method named {@code benchmark}. */
  void setUp(String benchmark) throws IOException {
    if (benchmark.endsWith(".naiveBaseline") && size > NAIVE_LIMIT) {
      throw new IllegalArgumentException(
          "naiveBaseline is quadratic and would take hours per operation at "
              + size
              + " files; run it with -p size=1000,100000 and use indexedBaseline for larger sizes");
    }
    fixture = PlanFixture.generate(size, changes, order, PlanFixture.SEED);
    client = fixture.client();
    // Each side gets its inputs from its own reader of the same documents, laid out in memory as
    // in a gateway that has just read them.
    byte[] manifestJson = fixture.manifestJson();
    byte[] catalogJson = fixture.catalogJson();
    manifest = ManifestJson.read(new ByteArrayInputStream(manifestJson));
    catalog = CatalogJson.read(new ByteArrayInputStream(catalogJson));
    ObjectMapper mapper = new ObjectMapper();
    manifestTree = mapper.readTree(new ByteArrayInputStream(manifestJson));
    catalogTree = mapper.readTree(new ByteArrayInputStream(catalogJson));

    Agreement.check(fixture, "patchbay", patchbay());
    Agreement.check(fixture, "indexedBaseline", NaiveBaseline.countByAction(indexedBaseline()));

    if (benchmark.endsWith(".patchbay") || benchmark.endsWith(".patchbayReadingEveryFile")) {
      manifestTree = null;
      catalogTree = null;
    } else {
      manifest = null;
      catalog = null;
    }
    // The inputs live as long as the trial, as a gateway's catalog lives long: moved to the old
    // generation now, before timing, instead of being copied by every young collection of the
    // measured iterations (which cost more than a plan at a million files).
    System.gc();
  }

  /**
   * Checks the naive baseline's last plan of the iteration.
   *
   * @throws IllegalStateException if it differs from the fixture's
   */
  @TearDown(Level.Iteration)
  public void checkNaivePlan() {
    if (lastNaivePlan != null) {
      Agreement.check(fixture, "naiveBaseline", NaiveBaseline.countByAction(lastNaivePlan));
      lastNaivePlan = null;
    }
  }

  /** Our planner on records. */
  @Benchmark
  public UpdatePlan patchbay() {
    return Planner.plan(
        client, manifest, catalog, VersionSchemes.defaults(), UpdatePolicy.defaults());
  }

  /**
   * Our planner, then every file of the plan read as a {@link io.patchbay.plan.PlannedFile}: what a
   * caller that walks the whole plan pays, as a plan makes its records when they are read.
   */
  @Benchmark
  public void patchbayReadingEveryFile(Blackhole files) {
    for (PlannedFile file : patchbay().files()) {
      files.consume(file);
    }
  }

  /**
   * The naive baseline: tree model, a linear scan of the client's list per catalog file, semver4j
   * per comparison.
   */
  @Benchmark
  public List<NaiveBaseline.Decision> naiveBaseline() {
    // One field write per operation of seconds, so the plan that was timed can be checked.
    lastNaivePlan = NaiveBaseline.planWithListScans(manifestTree, catalogTree);
    return lastNaivePlan;
  }

  /** The naive baseline with a hash index of the client's list instead of list scans. */
  @Benchmark
  public List<NaiveBaseline.Decision> indexedBaseline() {
    return NaiveBaseline.planWithIndex(manifestTree, catalogTree);
  }
}
