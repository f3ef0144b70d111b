package io.patchbay.update;

import io.patchbay.catalog.ArtifactStream;
import io.patchbay.catalog.CentralCatalog;
import io.patchbay.catalog.ResumePoint;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what a run really downloads from the head end, whatever store and transport it uses: the
 * bytes each artifact stream reports {@linkplain ArtifactStream#received() received}, so a resumed
 * download counts only the rest, and bytes a transport read and discarded count too.
 */
final class CountingCatalog implements CentralCatalog {

  private final CentralCatalog delegate;
  private final AtomicLong artifactsOpened = new AtomicLong();
  private final AtomicLong bytesRead = new AtomicLong();

  CountingCatalog(CentralCatalog delegate) {
    this.delegate = delegate;
  }

  @Override
  public Catalog fetch() throws IOException {
    return delegate.fetch();
  }

  @Override
  public ArtifactStream openArtifact(CatalogEntry entry, ResumePoint from) throws IOException {
    ArtifactStream in = delegate.openArtifact(entry, from);
    artifactsOpened.incrementAndGet();
    return new Counted(in);
  }

  long artifactsOpened() {
    return artifactsOpened.get();
  }

  long bytesRead() {
    return bytesRead.get();
  }

  /**
   * Adds what the head end's stream received to the run's count as it goes, so the count is live.
   */
  private final class Counted extends ArtifactStream {
    private final ArtifactStream in;
    private long counted;

    Counted(ArtifactStream in) {
      super(in.start());
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } finally {
        count();
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return in.read(buffer, offset, length);
      } finally {
        count();
      }
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public void close() throws IOException {
      try {
        in.close();
      } finally {
        count();
      }
    }

    @Override
    public String validator() {
      return in.validator();
    }

    @Override
    public long received() {
      return in.received();
    }

    private void count() {
      long now = in.received();
      bytesRead.addAndGet(now - counted);
      counted = now;
    }
  }
}
