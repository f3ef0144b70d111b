package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.format.ManifestJson;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.Client;
import io.patchbay.model.Manifest;
import io.patchbay.testkit.BytesArtifact;
import io.patchbay.testkit.InMemoryCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Over plain {@code http} the gateway speaks HTTP/1.1, as the device protocol says: the JDK's
 * HttpClient would otherwise offer an upgrade to h2c on every request. Checked on the bytes a raw
 * socket receives.
 */
class PlainHttpVersionTest {

  @Test
  void interrogationAndTransferOverPlainHttpSpeakHttp11WithoutOfferingAnUpgrade() throws Exception {
    byte[] image = "image 2.0.0".getBytes(StandardCharsets.UTF_8);
    BytesArtifact artifact =
        new BytesArtifact(
            CatalogEntry.of(
                "fw/image.bin",
                "2.0.0",
                InMemoryCatalog.sha256(image),
                image.length,
                URI.create("x")),
            image);
    HttpTransport transport = new HttpTransport();
    try (RecordingDevice device = new RecordingDevice()) {
      Client client = Client.of("stb", device.uri());

      transport.interrogator().interrogate(client);
      transport.transferer().transfer(client, artifact, bytes -> {});

      assertThat(device.heads()).hasSize(2);
      assertThat(device.heads().get(0)).startsWith("GET /patchbay/v1/manifest HTTP/1.1\r\n");
      assertThat(device.heads().get(1))
          .startsWith("PUT /patchbay/v1/files/fw/image.bin HTTP/1.1\r\n");
      for (String head : device.heads()) {
        assertThat(head.toLowerCase(Locale.ROOT))
            .doesNotContain("upgrade")
            .doesNotContain("http2-settings");
      }
    }
  }

  /**
   * Records each request's head and answers a GET with an empty manifest and a PUT with 204, one
   * connection at a time, closing each.
   */
  private static final class RecordingDevice implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<String> heads = new CopyOnWriteArrayList<>();

    RecordingDevice() throws IOException {
      Thread acceptor =
          new Thread(
              () -> {
                while (!listener.isClosed()) {
                  try (Socket socket = listener.accept()) {
                    answer(socket);
                  } catch (IOException closed) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    List<String> heads() {
      return heads;
    }

    private void answer(Socket socket) throws IOException {
      InputStream in = socket.getInputStream();
      String head = TricklingPeer.readHead(in);
      heads.add(head);
      in.readNBytes(SocketExchangeTest.contentLength(head));
      OutputStream out = socket.getOutputStream();
      if (head.startsWith("GET ")) {
        ByteArrayOutputStream manifest = new ByteArrayOutputStream();
        ManifestJson.write(Manifest.empty(), manifest);
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + manifest.size()
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        manifest.writeTo(out);
      } else {
        out.write(
            "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
      }
      out.flush();
    }

    @Override
    public void close() throws IOException {
      listener.close();
    }
  }
}
