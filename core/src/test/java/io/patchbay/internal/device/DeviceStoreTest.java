package io.patchbay.internal.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.model.FileEntry;
import io.patchbay.model.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a device keeps survives a restart, replaces whole files, and stays inside its directory. */
class DeviceStoreTest {

  @TempDir Path home;

  @Test
  void installedFilesAndTheirManifestSurviveReopening() throws IOException {
    DeviceStore store = DeviceStore.open(home);
    byte[] content = "tuner 2".getBytes(StandardCharsets.UTF_8);

    store.install("fw/tuner.bin", "2", new ByteArrayInputStream(content));
    DeviceStore reopened = DeviceStore.open(home);

    assertThat(Files.readAllBytes(reopened.pathOf("fw/tuner.bin"))).isEqualTo(content);
    assertThat(reopened.manifest().entries())
        .containsExactly(new FileEntry("fw/tuner.bin", "2", sha256(content), content.length));
  }

  @Test
  void aNewVersionReplacesTheFileAndItsManifestEntry() throws IOException {
    DeviceStore store = DeviceStore.open(home);
    store.install("bin/player", "1", new ByteArrayInputStream(new byte[] {1}));
    Path verified = store.newIncomingFile("test-");
    Files.write(verified, new byte[] {2, 2});

    store.installVerified(verified, new FileEntry("bin/player", "2", sha256(new byte[] {2, 2}), 2));

    assertThat(Files.readAllBytes(store.pathOf("bin/player"))).containsExactly(2, 2);
    assertThat(store.manifest().find("bin/player"))
        .hasValueSatisfying(e -> assertThat(e.version()).isEqualTo("2"));
    assertThat(store.manifest().size()).isEqualTo(1);
    assertThat(verified).doesNotExist();
  }

  @Test
  void openingForgetsFilesLeftInTransit() throws IOException {
    Path leftover = DeviceStore.open(home).newIncomingFile("cut-off-");

    DeviceStore.open(home);

    assertThat(leftover).doesNotExist();
  }

  @Test
  void refusesToInstallThroughALinkLeavingTheDirectory() throws IOException {
    Path outside = Files.createDirectories(home.resolve("outside"));
    Path root = Files.createDirectories(home.resolve("device"));
    Files.createSymbolicLink(root.resolve("escape"), outside);
    DeviceStore store = DeviceStore.open(root);
    Path verified = store.newIncomingFile("test-");

    assertThatThrownBy(
            () ->
                store.installVerified(
                    verified, new FileEntry("escape/x", "1", sha256(new byte[0]), 0)))
        .isInstanceOf(IOException.class);
    try (Stream<Path> files = Files.list(outside)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void theStateDirectoryIsReserved() {
    assertThat(DeviceStore.isReserved(".patchbay")).isTrue();
    assertThat(DeviceStore.isReserved(".patchbay/manifest.json")).isTrue();
    assertThat(DeviceStore.isReserved(".patchbay-notes")).isFalse();
    assertThat(DeviceStore.isReserved(".PATCHBAY/x")).isTrue();
    assertThat(DeviceStore.isReserved(".PatchBay")).isTrue();
    assertThat(DeviceStore.isReserved(".PATCHBAYx")).isFalse();
    assertThat(DeviceStore.isReserved("fw/.patchbay")).isFalse();
  }

  private static Sha256 sha256(byte[] bytes) {
    try {
      return Sha256.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
