package io.patchbay.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticClientDirectoryTest {

  @TempDir Path directory;

  static StaticClientDirectory csv(String text) throws IOException {
    return StaticClientDirectory.readCsv(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "clients.csv");
  }

  static StaticClientDirectory json(String text) throws IOException {
    return StaticClientDirectory.readJson(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "clients.json");
  }

  @Test
  void csvColumnsBeyondIdEndpointAndGroupAreAttributes() throws Exception {
    StaticClientDirectory clients =
        csv(
            """
        id,endpoint,group,model,hardwareRevision
        stb-1,http://10.0.0.7:8080,living-rooms,X1,B
        \"stb,2\",tftp://10.0.0.9:69,,\"X \"\"2\"\"\",
        """);

    assertThat(clients.clients()).hasSize(2);
    assertThat(clients.clients().get(0).group()).isEqualTo("living-rooms");
    assertThat(clients.clients().get(0).client().attributes())
        .isEqualTo(Map.of("model", "X1", "hardwareRevision", "B"));
    assertThat(clients.clients().get(1).id()).isEqualTo("stb,2");
    assertThat(clients.clients().get(1).group()).isEqualTo(DirectoryEntry.DEFAULT_GROUP);
    assertThat(clients.clients().get(1).client().attributes())
        .isEqualTo(Map.of("model", "X \"2\""));
    assertThat(clients.clients().get(1).client().endpoint())
        .isEqualTo(URI.create("tftp://10.0.0.9:69"));
  }

  @Test
  void jsonAndCsvFilesAreToldApartByTheirName() throws Exception {
    Path json =
        Files.writeString(
            directory.resolve("clients.json"),
            """
        {"schemaVersion": 1, "clients": [
          {"id": "stb-1", "endpoint": "http://10.0.0.7:8080", "group": "shops", "attributes": {"model": "X1"}},
          {"id": "stb-2", "endpoint": "http://10.0.0.8:8080"}
        ]}
        """);
    Path csv =
        Files.writeString(
            directory.resolve("clients.csv"), "id,endpoint\nstb-3,http://10.0.0.9:8080\n");

    assertThat(StaticClientDirectory.read(json).clients())
        .extracting(DirectoryEntry::id)
        .containsExactly("stb-1", "stb-2");
    assertThat(StaticClientDirectory.read(json).clients().get(0).client().attributes())
        .containsEntry("model", "X1");
    assertThat(StaticClientDirectory.read(csv).clients())
        .extracting(DirectoryEntry::id)
        .containsExactly("stb-3");
  }

  @Test
  void errorsNameTheLineAndTheRule() {
    assertThatThrownBy(() -> csv("id,endpoint\nstb-1,http://a:1\nstb-1,http://b:1\n"))
        .isInstanceOfSatisfying(
            ClientDirectoryException.class, e -> assertThat(e.line()).isEqualTo(3))
        .hasMessageContaining("duplicate client id \"stb-1\"");
    assertThatThrownBy(() -> csv("id,endpoint\nstb-1,not a uri\n"))
        .isInstanceOfSatisfying(
            ClientDirectoryException.class, e -> assertThat(e.line()).isEqualTo(2));
    assertThatThrownBy(() -> csv("id,endpoint\nstb-1,relative/path\n"))
        .hasMessageContaining("absolute URI");
    assertThatThrownBy(() -> csv("id,endpoint,group\nstb-1,http://a:1,../etc\n"))
        .hasMessageContaining("Group");
    assertThatThrownBy(() -> csv("id,endpoint\nstb-1\n"))
        .hasMessageContaining("expected 2 fields, found 1");
    assertThatThrownBy(() -> csv("name,address\n")).hasMessageContaining("id and endpoint");
    assertThatThrownBy(() -> csv("id,endpoint\n\"stb-1,http://a:1\n"))
        .hasMessageContaining("unterminated");
    assertThatThrownBy(
            () ->
                json(
                    "{\"schemaVersion\":1,\"clients\":[\n{\"id\":\"a\",\"endpoint\":\"http://a:1\",\"port\":\"7\"}]}"))
        .isInstanceOfSatisfying(
            ClientDirectoryException.class, e -> assertThat(e.line()).isEqualTo(2))
        .hasMessageContaining("unexpected field \"port\"");
    assertThatThrownBy(() -> json("{\"clients\":[]}")).hasMessageContaining("schemaVersion");
    assertThatThrownBy(() -> json("{\"schemaVersion\":1,\"clients\":[{\"id\":\"a\""))
        .isInstanceOf(ClientDirectoryException.class);
    assertThatThrownBy(
            () ->
                json(
                    "{\"schemaVersion\":1,\"clients\":[{\"id\":\"a\\u0000b\",\"endpoint\":\"http://a:1\"}]}"))
        .hasMessageContaining("printable");
  }

  @Test
  void jsonFieldGivenTwiceIsRejectedRatherThanOverwritten() {
    assertThatThrownBy(
            () ->
                json(
                    "{\"schemaVersion\":1,\"clients\":[\n"
                        + "{\"id\":\"a\",\"endpoint\":\"http://a:1\",\"attributes\":{\"model\":\"X1\",\"model\":\"X2\"}}]}"))
        .isInstanceOfSatisfying(
            ClientDirectoryException.class, e -> assertThat(e.line()).isEqualTo(2))
        .hasMessageContaining(
            "clients[0].attributes.model: field \"model\" appears more than once");
    assertThatThrownBy(
            () ->
                json(
                    "{\"schemaVersion\":1,\"clients\":[{\"id\":\"a\",\"id\":\"b\",\"endpoint\":\"http://a:1\"}]}"))
        .hasMessageContaining("field \"id\" appears more than once");
  }

  @Test
  void readJsonLeavesTheStreamToItsCaller() throws IOException {
    boolean[] closed = {false};
    ByteArrayInputStream in =
        new ByteArrayInputStream(
            "{\"schemaVersion\":1,\"clients\":[]}".getBytes(StandardCharsets.UTF_8)) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };

    StaticClientDirectory.readJson(in, "clients.json");

    assertThat(closed[0]).isFalse();
  }

  @Test
  void overlongFieldsAreRejectedBeforeTheyAreHeld() {
    String longId = "x".repeat(StaticClientDirectory.MAX_FIELD_LENGTH + 1);

    assertThatThrownBy(
            () ->
                json(
                    "{\"schemaVersion\":1,\"clients\":[{\"id\":\""
                        + longId
                        + "\",\"endpoint\":\"http://a:1\"}]}"))
        .isInstanceOf(ClientDirectoryException.class);
  }
}
