package io.patchbay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchbay.model.Catalog;
import io.patchbay.model.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.infra.Blackhole;

/** Each benchmark method runs once at a tiny size, so the harness cannot rot between runs. */
class BenchmarkSmokeTest {

  @ParameterizedTest
  @EnumSource(ParseBenchmark.Document.class)
  void parseBenchmarkReadsTheSameEntriesEveryWay(ParseBenchmark.Document document)
      throws IOException {
    ParseBenchmark benchmark = new ParseBenchmark();
    benchmark.size = 1000;
    benchmark.document = document;
    benchmark.setUp();

    Object ours = benchmark.patchbay();
    JsonNode tree = benchmark.treeModel();

    int entries =
        ours instanceof Manifest manifest ? manifest.size() : ((Catalog) ours).entries().size();
    assertThat(entries).isEqualTo(tree.path("files").size()).isGreaterThanOrEqualTo(1000);
    assertThat(benchmark.readerWalk()).isEqualTo(entries);
    assertThat(benchmark.jacksonTokens()).isPositive();
  }

  @ParameterizedTest
  @EnumSource(ParseBenchmark.Document.class)
  void parseCpuTimeComparesOurReaderWithTheTokenLoop(ParseBenchmark.Document document)
      throws IOException {
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      ParseCpuTime.main(new String[] {document.name(), "1000", "1"});
    } finally {
      System.setOut(console);
    }

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .startsWith(document + " 1000: CPU token loop")
        .contains("reader walk")
        .contains("ratio");
  }

  @Test
  void parseAndPlanBenchmarkAgreesWithItsFixture() throws IOException {
    ParseAndPlanBenchmark benchmark = new ParseAndPlanBenchmark();
    benchmark.size = 1000;
    benchmark.changes = ChangeRate.MANY;
    benchmark.order = ClientOrder.SHUFFLED;

    benchmark.setUp();

    assertThat(benchmark.patchbay().files()).isNotEmpty();
  }

  @ParameterizedTest
  @EnumSource(ClientOrder.class)
  void planBenchmarkAgreesWithItsFixtureOnEverySide(ClientOrder order) throws IOException {
    PlanBenchmark benchmark = new PlanBenchmark();
    benchmark.size = 1000;
    benchmark.changes = ChangeRate.MANY;
    benchmark.order = order;
    int transfers =
        PlanFixture.generate(1000, ChangeRate.MANY, order, PlanFixture.SEED).expectedTransfers();

    // Each trial's setup checks our planner and the indexed baseline against the fixture.
    benchmark.setUp(PlanBenchmark.class.getName() + ".patchbay");
    int planned = benchmark.patchbay().transfers().size();
    Blackhole files =
        new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is"
                + " dangerous.");
    benchmark.patchbayReadingEveryFile(files);
    benchmark.setUp(PlanBenchmark.class.getName() + ".naiveBaseline");
    benchmark.naiveBaseline();

    assertThat(planned).isEqualTo(transfers).isGreaterThan(400);
    assertThat(benchmark.indexedBaseline()).hasSize(1000 + PlanFixture.missingFiles(1000));
    assertThatCode(benchmark::checkNaivePlan).doesNotThrowAnyException();
  }
}
