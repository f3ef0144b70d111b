package io.patchbay.fetch;

import io.patchbay.catalog.ArtifactStream;
import io.patchbay.catalog.CentralCatalog;
import io.patchbay.catalog.ResumePoint;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Sha256;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process {@link ArtifactCacheCrashTest} kills: downloads {@code args[1]} into the cache at
 * {@code args[0]} from a head end that trickles bytes, so it is caught mid-download.
 */
final class SlowDownloadMain {

  private SlowDownloadMain() {}

  public static void main(String[] args) throws Exception {
    Path artifact = Path.of(args[1]);
    CatalogEntry entry =
        CatalogEntry.of(
            "fw/slow.bin",
            "1.0.0",
            Sha256.parse(args[2]),
            Files.size(artifact),
            URI.create("slow.bin"));
    CentralCatalog trickling =
        new CentralCatalog() {
          @Override
          public Catalog fetch() {
            return Catalog.of(1, entry);
          }

          @Override
          public ArtifactStream openArtifact(CatalogEntry wanted, ResumePoint from)
              throws IOException {
            return ArtifactStream.of(
                new FilterInputStream(Files.newInputStream(artifact)) {
                  @Override
                  public int read(byte[] buffer, int offset, int length) throws IOException {
                    try {
                      Thread.sleep(5);
                    } catch (InterruptedException e) {
                      throw new InterruptedIOException();
                    }
                    return super.read(buffer, offset, Math.min(length, 4096));
                  }
                },
                0);
          }
        };
    ArtifactCache.open(Path.of(args[0]), Long.MAX_VALUE).fetch(entry, trickling).close();
  }
}
