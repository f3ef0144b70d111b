package io.patchbay.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The rule catches each way a module could set up JSON on its own. */
class JsonRulesTest {

  @Test
  void aFactoryOfItsOwnBreaksTheRule() {
    assertViolated(OwnFactory.class, "JsonFactory.<init>()");
  }

  @Test
  void aFactoryBuilderBreaksTheRule() {
    assertViolated(OwnBuilder.class, "JsonFactory.builder()");
  }

  @Test
  void changingAGeneratorsFeaturesBreaksTheRule() {
    assertViolated(ReconfiguredGenerator.class, "JsonGenerator.configure(");
  }

  private static void assertViolated(Class<?> offender, String call) {
    assertThatThrownBy(
            () ->
                JsonRules.ONLY_THE_SHARED_FACTORY_CONFIGURES_JSON.check(
                    new ClassFileImporter().importClasses(offender)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(offender.getSimpleName())
        .hasMessageContaining(call);
  }

  static final class OwnFactory {
    JsonFactory factory() {
      return new JsonFactory();
    }
  }

  static final class OwnBuilder {
    JsonFactory factory() {
      return JsonFactory.builder().enable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    }
  }

  static final class ReconfiguredGenerator {
    void leaveOpen(JsonGenerator json) {
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, true);
    }
  }
}
