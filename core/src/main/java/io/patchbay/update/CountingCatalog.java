package io.patchbay.update;

import io.patchbay.catalog.CentralCatalog;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what a run really downloads from the head end, whatever store and transport it uses. */
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
  public InputStream openArtifact(CatalogEntry entry) throws IOException {
    InputStream in = delegate.openArtifact(entry);
    artifactsOpened.incrementAndGet();
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          bytesRead.incrementAndGet();
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          bytesRead.addAndGet(n);
        }
        return n;
      }
    };
  }

  long artifactsOpened() {
    return artifactsOpened.get();
  }

  long bytesRead() {
    return bytesRead.get();
  }
}
