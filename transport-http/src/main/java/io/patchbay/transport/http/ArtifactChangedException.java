package io.patchbay.transport.http;

import java.io.IOException;
import java.net.URI;

/**
 * Thrown when a download broke off and could not be resumed because the artifact on the server
 * changed in between (its validator differs): the bytes already read belong to another version. The
 * download must start over.
 */
public final class ArtifactChangedException extends IOException {

  private final URI uri;
  private final String validatorBefore;
  private final String validatorAfter;

  /** Creates the error for {@code uri} whose validator changed. */
  public ArtifactChangedException(URI uri, String validatorBefore, String validatorAfter) {
    super(
        "Artifact "
            + uri
            + " changed during the download (validator "
            + validatorBefore
            + " became "
            + validatorAfter
            + "); it must be downloaded again");
    this.uri = uri;
    this.validatorBefore = validatorBefore;
    this.validatorAfter = validatorAfter;
  }

  /** The artifact. */
  public URI uri() {
    return uri;
  }

  /** The validator ({@code ETag} or {@code Last-Modified}) when the download started. */
  public String validatorBefore() {
    return validatorBefore;
  }

  /** The validator the server reported when asked to resume, or {@code null} if none. */
  public String validatorAfter() {
    return validatorAfter;
  }
}
