package io.patchbay.architecture;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Finds public and protected declarations without a javadoc comment, by asking javac's doclint,
 * which knows exactly what is API. Shared with other modules through core's test jar.
 */
public final class ApiDocumentation {

  private ApiDocumentation() {}

  /**
   * Compiles the sources under {@code sourceRoot} against this JVM's class path and returns one
   * line per undocumented declaration, or per compilation error.
   */
  public static List<String> undocumented(Path sourceRoot, Path outputDirectory)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
            javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
        Stream<Path> walk = Files.walk(sourceRoot)) {
      List<Path> sources = walk.filter(path -> path.toString().endsWith(".java")).toList();
      List<String> options =
          List.of(
              "-Xdoclint:missing/protected",
              "-Xmaxwarns",
              "100000",
              "-proc:none",
              "-classpath",
              System.getProperty("java.class.path"),
              "-d",
              outputDirectory.toString());
      javac
          .getTask(
              new StringWriter(),
              files,
              diagnostics,
              options,
              null,
              files.getJavaFileObjectsFromPaths(sources))
          .call();
    }
    return diagnostics.getDiagnostics().stream()
        .filter(
            d ->
                d.getKind() == Diagnostic.Kind.ERROR
                    || d.getMessage(Locale.ROOT).equals("no comment"))
        .map(
            d ->
                d.getSource().getName()
                    + ":"
                    + d.getLineNumber()
                    + ": "
                    + d.getMessage(Locale.ROOT))
        .toList();
  }
}
