package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.PatchbayException;
import io.patchbay.model.InvalidCatalogException;
import io.patchbay.model.InvalidFileNameException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the command puts errors into words: every error it prints goes through {@link ErrorText}. */
class ErrorTextTest {

  @Test
  void aChainWithoutMessagesNeverPrintsNull() {
    // What the JDK's HttpClient throws when nothing listens on the port.
    ConnectException refused = new ConnectException();
    refused.initCause(new ConnectException());
    refused.getCause().initCause(new ClosedChannelException());

    assertThat(ErrorText.of(refused)).isEqualTo("could not connect (ConnectException)");
  }

  @Test
  void eachExceptionOfTheChainSaysItsOwnPartOutermostFirst() {
    IOException cause =
        new IOException("Cannot connect to http://head-end/catalog.json", new ConnectException());
    CommandFailure failure = new CommandFailure("Cannot use the catalog", cause);

    assertThat(ErrorText.of(failure))
        .isEqualTo("Cannot use the catalog: Cannot connect to http://head-end/catalog.json");
  }

  @Test
  void aWrapperThatOnlyRepeatsItsCauseAddsNothing() {
    NoSuchFileException missing = new NoSuchFileException("keys/operator.key");

    assertThat(ErrorText.of(new UncheckedIOException(missing)))
        .isEqualTo("keys/operator.key: no such file or directory");
    assertThat(ErrorText.of(new IOException(missing)))
        .isEqualTo("keys/operator.key: no such file or directory");
  }

  @Test
  void aFileErrorSaysWhatHappenedToTheFileNotOnlyItsPath() {
    assertThat(ErrorText.of(new NoSuchFileException("missing.json")))
        .isEqualTo("missing.json: no such file or directory");
    assertThat(ErrorText.of(new AccessDeniedException("/etc/shadow")))
        .isEqualTo("/etc/shadow: permission denied");
    assertThat(ErrorText.of(new AccessDeniedException("a", "b", "read-only file system")))
        .isEqualTo("a -> b: read-only file system");
  }

  @Test
  void anErrorIsOneLineWhateverItsMessageHolds() {
    assertThat(ErrorText.of(new IllegalStateException("first\nsecond\r\nthird")))
        .isEqualTo("first second third");
  }

  @Test
  void anInvalidCatalogIsASummaryLineThenOneLinePerProblemBounded() {
    List<PatchbayException> problems = new ArrayList<>();
    for (int i = 1; i <= 22; i++) {
      problems.add(
          new InvalidFileNameException(
              "bin/" + i + "/..", "must not contain '.' or '..' segments"));
    }
    CommandFailure failure =
        new CommandFailure(
            "Cannot use the catalog http://head-end/catalog.json",
            new InvalidCatalogException(null, problems));

    List<String> lines = ErrorText.lines(failure);

    assertThat(lines).hasSize(1 + 20 + 1);
    assertThat(lines.get(0))
        .isEqualTo(
            "Cannot use the catalog http://head-end/catalog.json: The catalog has 22 problems");
    assertThat(lines.get(1))
        .isEqualTo("  Invalid file name \"bin/1/..\": must not contain '.' or '..' segments");
    assertThat(lines.get(20)).contains("\"bin/20/..\"");
    assertThat(lines.get(21)).isEqualTo("  and 2 more");
  }
}
