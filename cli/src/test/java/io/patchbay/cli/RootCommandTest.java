package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.format.SignatureJson;
import io.patchbay.model.SignedRoot;
import io.patchbay.model.SignedStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code patchbay catalog root init|rotate|sign} and {@code catalog sign --roots}: a head end
 * rotates its signing key, and a gateway that pins only the old key follows the rotation, refuses
 * the revoked key, and refuses a rotation the old keys did not sign.
 */
class RootCommandTest {

  private static final String REPOSITORY = "acme-prod";

  @TempDir Path work;
  private Path catalog;
  private Path roots;

  @BeforeEach
  void buildACatalogAndTwoKeys() throws IOException {
    Files.createDirectories(work.resolve("head-end/bin"));
    Files.writeString(work.resolve("head-end/bin/player"), "player 2.0.0");
    CommandRun.buildCatalog(
        work.resolve("head-end"), "2.0.0", "--expires-in", "P1D", "--repository", REPOSITORY);
    catalog = work.resolve("head-end/catalog.json");
    roots = work.resolve("head-end/root");
    for (String name : new String[] {"old", "new"}) {
      assertOk(CommandRun.run("catalog", "keygen", "--out", work.resolve("keys"), "--name", name));
    }
  }

  private Path key(String name) {
    return work.resolve("keys/" + name + ".key");
  }

  private Path pub(String name) {
    return work.resolve("keys/" + name + ".pub");
  }

  private static CommandRun.Result assertOk(CommandRun.Result run) {
    assertThat(run.exitCode()).as(run.output()).isZero();
    return run;
  }

  /** {@code catalog verify} as a gateway pinning only {@code pinned}, with a fresh state. */
  private CommandRun.Result verifyTrusting(String pinned, String state) {
    return CommandRun.run(
        "catalog",
        "verify",
        catalog,
        "--trust",
        pub(pinned),
        "--repository",
        REPOSITORY,
        "--state-dir",
        work.resolve(state));
  }

  private void initSignedByOld() {
    assertOk(
        CommandRun.run(
            "catalog",
            "root",
            "init",
            "--repository",
            REPOSITORY,
            "--key",
            key("old"),
            "--out",
            roots));
  }

  @Test
  void aCatalogSignedWithTheRootsOfInitVerifiesWithTheKeyOfVersionOne() throws IOException {
    initSignedByOld();

    CommandRun.Result sign =
        CommandRun.run("catalog", "sign", catalog, "--key", key("old"), "--roots", roots);
    CommandRun.Result verify = verifyTrusting("old", "state");

    assertOk(sign);
    assertThat(sign.out()).contains("1 signature(s), 1 root document(s)");
    assertThat(Files.readString(Path.of(catalog + ".sig"))).contains("patchbay-root-v1");
    assertOk(verify);
    assertThat(verify.out()).contains("is trusted");
  }

  @Test
  void afterARotationThatRemovesTheOldKeyOnlyTheNewKeySignsForAGatewayPinningTheOldOne()
      throws IOException {
    initSignedByOld();
    CommandRun.Result rotate =
        CommandRun.run(
            "catalog",
            "root",
            "rotate",
            "--root-dir",
            roots,
            "--add-key",
            pub("new"),
            "--remove-key",
            pub("old"),
            "--key",
            key("old"),
            "--key",
            key("new"));
    assertOk(rotate);
    assertThat(rotate.out()).contains("Root version 2 of acme-prod is complete");
    assertThat(roots.resolve("2.root.json")).exists();

    assertOk(CommandRun.run("catalog", "sign", catalog, "--key", key("new"), "--roots", roots));
    CommandRun.Result byNew = verifyTrusting("old", "state-new");
    Files.delete(Path.of(catalog + ".sig"));
    CommandRun.Result signedByRevoked =
        CommandRun.run("catalog", "sign", catalog, "--key", key("old"), "--roots", roots);
    CommandRun.Result byRevoked = verifyTrusting("old", "state-revoked");

    assertOk(byNew);
    assertThat(byNew.out()).contains("is trusted");
    assertOk(signedByRevoked);
    assertThat(signedByRevoked.out())
        .contains("Not trusted yet: root version 2 requires 1 signature(s) by its keys");
    assertThat(byRevoked.exitCode()).as(byRevoked.output()).isEqualTo(ExitCodes.ERROR);
    assertThat(byRevoked.err()).contains("Catalog statement", "rejected (UNKNOWN_KEYS)");
  }

  @Test
  void aRotationSignedOnlyByTheNewKeyIsRefusedUntilTheOldKeySignsIt() throws IOException {
    initSignedByOld();
    CommandRun.Result rotate =
        CommandRun.run(
            "catalog",
            "root",
            "rotate",
            "--root-dir",
            roots,
            "--add-key",
            pub("new"),
            "--remove-key",
            pub("old"),
            "--key",
            key("new"));

    // Written, and says what it lacks.
    assertOk(rotate);
    assertThat(rotate.out())
        .contains(
            "Root version 2 of acme-prod is not complete: it needs 1 more signature(s) by the"
                + " keys of version 1",
            "patchbay catalog root sign " + roots.resolve("2.root.json"));
    // A catalog cannot be signed under it, nor would a gateway follow it.
    CommandRun.Result refusedSign =
        CommandRun.run("catalog", "sign", catalog, "--key", key("new"), "--roots", roots);
    assertThat(refusedSign.exitCode()).as(refusedSign.output()).isEqualTo(ExitCodes.ERROR);
    assertThat(refusedSign.err())
        .contains("Root version 2 of acme-prod (by the keys of version 1)", "UNKNOWN_KEYS");
    assertThat(Path.of(catalog + ".sig")).doesNotExist();

    CommandRun.Result sign =
        CommandRun.run(
            "catalog", "root", "sign", roots.resolve("2.root.json"), "--key", key("old"));
    assertOk(sign);
    assertThat(sign.out()).contains("Root version 2 of acme-prod is complete");
    assertOk(CommandRun.run("catalog", "sign", catalog, "--key", key("new"), "--roots", roots));
    assertOk(verifyTrusting("old", "state"));
  }

  @Test
  void aGatewayRefusesARotationTheOldKeysDidNotSign() throws IOException {
    initSignedByOld();
    CommandRun.run(
        "catalog",
        "root",
        "rotate",
        "--root-dir",
        roots,
        "--add-key",
        pub("new"),
        "--remove-key",
        pub("old"),
        "--key",
        key("new"));
    // What a careless or hostile head end would publish: the unfinished root, embedded by hand.
    assertOk(CommandRun.run("catalog", "sign", catalog, "--key", key("new")));
    Path signatureFile = Path.of(catalog + ".sig");
    SignedStatement signed;
    try (InputStream in = Files.newInputStream(signatureFile)) {
      signed = SignatureJson.read(in);
    }
    List<SignedRoot> chain = new ArrayList<>();
    for (String file : new String[] {"1.root.json", "2.root.json"}) {
      try (InputStream in = Files.newInputStream(roots.resolve(file))) {
        chain.add(SignatureJson.readRoot(in));
      }
    }
    try (OutputStream out = Files.newOutputStream(signatureFile)) {
      SignatureJson.write(new SignedStatement(signed.statement(), signed.signatures(), chain), out);
    }

    CommandRun.Result verify = verifyTrusting("old", "state");

    assertThat(verify.exitCode()).as(verify.output()).isEqualTo(ExitCodes.ERROR);
    assertThat(verify.err()).contains("Root version 2 of acme-prod", "rejected (UNKNOWN_KEYS)");
  }

  @Test
  void aSecondInitAndAKeyThatCannotCountAreRefused() {
    initSignedByOld();

    CommandRun.Result again =
        CommandRun.run(
            "catalog",
            "root",
            "init",
            "--repository",
            REPOSITORY,
            "--key",
            key("old"),
            "--out",
            roots);
    CommandRun.Result stranger =
        CommandRun.run(
            "catalog", "root", "sign", roots.resolve("1.root.json"), "--key", key("new"));

    assertThat(again.exitCode()).as(again.output()).isEqualTo(ExitCodes.ERROR);
    assertThat(again.err()).contains("1.root.json exists");
    assertThat(stranger.exitCode()).as(stranger.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(stranger.err()).contains("its signature would not count");
  }
}
