package io.patchbay.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a YAML document into a tree that remembers the line of every value, so that a configuration
 * error can name its line. Streaming, with no data binding: the document is untrusted until
 * validated, and a bound object would forget where its values were.
 */
final class GatewayYaml {

  // The one YAML factory of the CLI. JSON is configured only by io.patchbay.internal.json; YAML
  // is another format with other dangers (aliases that expand a small document into a huge one),
  // bounded here: a configuration file is small and never needs aliases.
  private static final YAMLFactory FACTORY = YAMLFactory.builder().loaderOptions(limits()).build();

  private static final int MAX_DEPTH = 16;

  private GatewayYaml() {}

  private static LoaderOptions limits() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(1 << 20);
    options.setMaxAliasesForCollections(0);
    options.setAllowDuplicateKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH);
    return options;
  }

  /** A value in the document, with the line it starts on (from 1). */
  sealed interface Node permits Scalar, Mapping, Sequence {
    /** The line the value starts on. */
    int line();
  }

  /** A scalar: its text as written, and whether YAML read it as a null, string or other kind. */
  record Scalar(String text, JsonToken kind, int line) implements Node {}

  /** A mapping of keys, in document order, to values. */
  record Mapping(Map<String, Node> entries, int line) implements Node {}

  /** A sequence of values. */
  record Sequence(List<Node> items, int line) implements Node {}

  /** What is wrong with a document that is not YAML at all. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The line of the error, from 1, or 0 if unknown. */
    final int line;

    SyntaxException(int line, String message, Throwable cause) {
      super(message, cause);
      this.line = line;
    }
  }

  /**
   * Reads the first document from {@code in}; an empty document is an empty mapping.
   *
   * @throws IOException if {@code in} cannot be read
   * @throws SyntaxException if it is not YAML, or nests too deeply, or repeats a key
   */
  static Node read(Reader in) throws IOException, SyntaxException {
    try (JsonParser parser = FACTORY.createParser(in)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return new Mapping(Map.of(), 1);
      }
      return node(parser, 0, 0);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new SyntaxException(Math.max(line, 0), e.getOriginalMessage(), e);
    }
  }

  /**
   * The value at the parser's current token; {@code keyLine}, if not 0, is the line of the key it
   * is the value of, which names a block mapping or sequence better than its first entry does.
   */
  private static Node node(JsonParser parser, int depth, int keyLine)
      throws IOException, SyntaxException {
    int line = keyLine > 0 ? keyLine : parser.currentTokenLocation().getLineNr();
    if (depth > MAX_DEPTH) {
      throw new SyntaxException(line, "nested more than " + MAX_DEPTH + " deep", null);
    }
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Node> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          int at = parser.currentTokenLocation().getLineNr();
          parser.nextToken();
          if (entries.put(key, node(parser, depth + 1, at)) != null) {
            throw new SyntaxException(at, "key " + key + " appears twice", null);
          }
        }
        return new Mapping(entries, line);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(node(parser, depth + 1, 0));
        }
        return new Sequence(items, line);
      }
      default -> {
        return new Scalar(parser.getText(), token, line);
      }
    }
  }
}
