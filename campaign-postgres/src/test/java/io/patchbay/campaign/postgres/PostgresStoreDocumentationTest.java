package io.patchbay.campaign.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.architecture.ApiDocumentation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresStoreDocumentationTest {

  @Test
  void everyPublicTypeAndMemberIsDocumented(@TempDir Path classes) throws Exception {
    assertThat(ApiDocumentation.undocumented(Path.of("src/main/java"), classes)).isEmpty();
  }
}
