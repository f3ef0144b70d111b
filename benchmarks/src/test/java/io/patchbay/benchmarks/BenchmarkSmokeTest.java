package io.patchbay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.patchbay.model.Catalog;
import io.patchbay.model.Manifest;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
    assertThat(benchmark.jacksonTokens()).isPositive();
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
}
