package io.patchbay.testkit;

import io.patchbay.fetch.Artifact;
import io.patchbay.model.CatalogEntry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * An artifact held in memory, for testing a {@link io.patchbay.transfer.Transferer} directly.
 *
 * <p>Unlike the artifacts a gateway's store hands out, nothing checks that {@code bytes} match
 * {@code entry}: give it bytes that differ from what the entry describes to test that a device
 * refuses them.
 *
 * @param entry what the transferer tells the device about the file
 * @param bytes what it sends; not copied, so do not change the array while a transfer reads it
 */
@SuppressWarnings("ArrayRecordComponent") // a test fixture: not copied, as the javadoc says
public record BytesArtifact(CatalogEntry entry, byte[] bytes) implements Artifact {

  @Override
  public InputStream open() {
    return new ByteArrayInputStream(bytes);
  }
}
