package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.format.CatalogJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.testkit.InMemoryCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab head end speaks enough HTTP for conditional fetches and resumed downloads. */
class StaticHeadEndTest {

  @TempDir Path www;

  private CatalogEntry publish(byte[] artifact) throws IOException {
    CatalogEntry entry =
        CatalogEntry.of(
            "fw/image.bin",
            "2.0.0",
            InMemoryCatalog.sha256(artifact),
            artifact.length,
            URI.create("image.bin"));
    Files.write(www.resolve("image.bin"), artifact);
    try (OutputStream out = Files.newOutputStream(www.resolve("catalog.json"))) {
      CatalogJson.write(Catalog.of(3, entry), out);
    }
    return entry;
  }

  @Test
  void servesACatalogAndResumesACutDownload() throws Exception {
    byte[] artifact = new byte[3_000_000];
    new Random(1).nextBytes(artifact);
    CatalogEntry entry = publish(artifact);
    try (StaticHeadEnd headEnd = StaticHeadEnd.start(www);
        CuttingProxy proxy = new CuttingProxy(headEnd.uri("/").getPort(), 500_000, () -> {})) {
      HttpCentralCatalog catalog = new HttpTransport().catalog(proxy.uri("/catalog.json"));

      assertThat(catalog.fetch().serial()).isEqualTo(3);
      try (InputStream in = catalog.openArtifact(entry)) {
        assertThat(InMemoryCatalog.sha256(in.readAllBytes())).isEqualTo(entry.sha256());
      }
      assertThat(proxy.connections()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void answersConditionalAndRangeRequestsLikeAWebServer() throws Exception {
    publish(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    try (StaticHeadEnd headEnd = StaticHeadEnd.start(www)) {
      HttpClient http = HttpClient.newHttpClient();
      URI image = headEnd.uri("image.bin");
      HttpResponse<byte[]> whole =
          http.send(HttpRequest.newBuilder(image).build(), HttpResponse.BodyHandlers.ofByteArray());
      String etag = whole.headers().firstValue("ETag").orElseThrow();

      HttpResponse<byte[]> notModified =
          http.send(
              HttpRequest.newBuilder(image).header("If-None-Match", etag).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      HttpResponse<byte[]> tail =
          http.send(
              HttpRequest.newBuilder(image)
                  .header("Range", "bytes=7-")
                  .header("If-Range", etag)
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      HttpResponse<byte[]> staleRange =
          http.send(
              HttpRequest.newBuilder(image)
                  .header("Range", "bytes=7-")
                  .header("If-Range", "\"stale\"")
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      HttpResponse<byte[]> escape =
          http.send(
              HttpRequest.newBuilder(headEnd.uri("/x/../../etc/passwd")).build(),
              HttpResponse.BodyHandlers.ofByteArray());

      assertThat(whole.statusCode()).isEqualTo(200);
      assertThat(notModified.statusCode()).isEqualTo(304);
      assertThat(tail.statusCode()).isEqualTo(206);
      assertThat(tail.body()).containsExactly(7, 8, 9);
      assertThat(tail.headers().firstValue("Content-Range")).contains("bytes 7-9/10");
      assertThat(staleRange.statusCode()).isEqualTo(200);
      assertThat(staleRange.body()).hasSize(10);
      // Like nginx, the server refuses a path above the root as a bad request.
      assertThat(escape.statusCode()).isEqualTo(400);
    }
  }
}
