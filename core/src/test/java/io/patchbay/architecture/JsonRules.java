package io.patchbay.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.TSFBuilder;
import com.fasterxml.jackson.core.TokenStreamFactory;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The rule that every module configures JSON in one place, {@code io.patchbay.internal.json}: each
 * module's architecture test checks its own main classes with it.
 */
public final class JsonRules {

  private static final Set<String> FEATURE_SETTERS =
      Set.of(
          "configure",
          "enable",
          "disable",
          "setFeatureMask",
          "overrideStdFeatures",
          "overrideFormatFeatures");

  private static final DescribedPredicate<JavaMethodCall> SETS_A_STREAM_FEATURE =
      DescribedPredicate.describe(
          "a feature setter of a JsonParser or JsonGenerator",
          call ->
              FEATURE_SETTERS.contains(call.getName())
                  && (call.getTargetOwner().isAssignableTo(JsonParser.class)
                      || call.getTargetOwner().isAssignableTo(JsonGenerator.class)));

  /**
   * Outside {@code io.patchbay.internal.json}, no class builds or configures a Jackson factory (by
   * constructor, builder or an {@code ObjectMapper}, which makes its own), or changes the features
   * of a parser or generator it was given. Pretty printers are a document's layout and stay free.
   */
  public static final ArchRule ONLY_THE_SHARED_FACTORY_CONFIGURES_JSON =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.patchbay.internal.json..")
          .should()
          .dependOnClassesThat()
          .areAssignableTo(TokenStreamFactory.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(TSFBuilder.class)
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage("com.fasterxml.jackson.databind..")
          .orShould()
          .callMethodWhere(SETS_A_STREAM_FEATURE)
          .because(
              "io.patchbay.internal.json.Json is the one hardened Jackson set-up (limits, streams left open, "
                  + "no half-written documents completed) that every module shares");

  private JsonRules() {}
}
