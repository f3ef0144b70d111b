package io.patchbay.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.patchbay.catalog.ArtifactStream;
import io.patchbay.catalog.CentralCatalog;
import io.patchbay.catalog.ResumePoint;
import io.patchbay.interrogate.ClientInterrogator;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import io.patchbay.report.FileOutcome;
import io.patchbay.report.Step;
import io.patchbay.report.UpdateReport;
import io.patchbay.testkit.InMemoryCatalog;
import io.patchbay.transfer.Transferer;
import io.patchbay.update.UpdateOrchestrator;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/**
 * How to test update logic against Mockito mocks of Patchbay's interfaces, when you want to stub
 * and verify single calls rather than simulate devices.
 */
@ExtendWith(MockitoExtension.class)
class TestingWithMockitoExample {

  private static final byte[] PLAYER = "player 2.0.0".getBytes(StandardCharsets.UTF_8);
  private static final CatalogEntry PLAYER_ENTRY =
      CatalogEntry.of(
          "bin/player",
          "2.0.0",
          InMemoryCatalog.sha256(PLAYER),
          PLAYER.length,
          URI.create("player.bin"));
  private static final Client STB = Client.of("stb-1", "http://10.0.0.7:8080");

  @Mock CentralCatalog headEnd;
  @Mock ClientInterrogator interrogator;
  @Mock Transferer transferer;

  private UpdateOrchestrator gateway() {
    return UpdateOrchestrator.builder()
        .allowUnsigned()
        .catalog(headEnd)
        .interrogator(interrogator)
        .transferer(transferer)
        .build();
  }

  @Test
  void transfersTheVerifiedArtifactAndConfirmsIt() throws Exception {
    when(headEnd.fetch()).thenReturn(Catalog.of(1, PLAYER_ENTRY));
    when(headEnd.openArtifact(PLAYER_ENTRY, ResumePoint.START))
        .thenReturn(ArtifactStream.of(new ByteArrayInputStream(PLAYER), 0));
    when(interrogator.interrogate(STB))
        .thenReturn(
            Manifest.of(FileEntry.of("bin/player", "1.0.0")),
            Manifest.of(PLAYER_ENTRY.toFileEntry()));

    UpdateReport report = gateway().update(STB);

    assertThat(report.succeeded()).isTrue();
    verify(transferer)
        .transfer(eq(STB), argThat(artifact -> artifact.entry().equals(PLAYER_ENTRY)), any());
  }

  @Test
  void neverTransfersBytesThatDoNotMatchTheCatalog() throws Exception {
    when(headEnd.fetch()).thenReturn(Catalog.of(1, PLAYER_ENTRY));
    when(headEnd.openArtifact(PLAYER_ENTRY, ResumePoint.START))
        .thenReturn(
            ArtifactStream.of(
                new ByteArrayInputStream("tampered!!!!".getBytes(StandardCharsets.UTF_8)), 0));
    when(interrogator.interrogate(STB))
        .thenReturn(Manifest.of(FileEntry.of("bin/player", "1.0.0")));

    UpdateReport report = gateway().update(STB);

    assertThat(report.files())
        .singleElement()
        .extracting(FileOutcome::failedStep)
        .isEqualTo(Step.FETCH);
    verify(transferer, never()).transfer(any(), any(), any());
  }
}
