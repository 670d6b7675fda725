package dev.agenttracing.test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java snippet of the testing guide (docs/testing.md) and of the README's "Testing
 * your agent by its trace" section compiles as pasted, against this module's test class
 * path. The snippets name the reader's own agent {@code SupportAgent}: a one-method stand-in
 * for it is compiled with each snippet, nothing else.
 */
class DocumentationSnippetTests {

	private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

	private static final Pattern TYPE_NAME = Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)");

	/** The reader's agent, as the snippets use it. */
	private static final String SUPPORT_AGENT = "public class SupportAgent { public String handle(String question) { "
			+ "return question; } }";

	@Test
	void testingGuideSnippetsCompileAsPasted(@TempDir Path directory) throws Exception {
		List<String> snippets = javaBlocks(Files.readString(Path.of("..", "docs", "testing.md")));

		assertThat(snippets).hasSizeGreaterThanOrEqualTo(5);
		assertCompile(snippets, directory);
	}

	@Test
	void readmeTestingSectionSnippetsCompileAsPasted(@TempDir Path directory) throws Exception {
		String readme = Files.readString(Path.of("..", "README.md"));
		int start = readme.indexOf("## Testing your agent by its trace");
		int end = readme.indexOf("\n## ", start + 1);
		List<String> snippets = javaBlocks(readme.substring(start, (end > 0) ? end : readme.length()));

		assertThat(snippets).isNotEmpty();
		assertCompile(snippets, directory);
	}

	private static List<String> javaBlocks(String markdown) {
		List<String> blocks = new ArrayList<>();
		Matcher matcher = JAVA_BLOCK.matcher(markdown);
		while (matcher.find()) {
			blocks.add(matcher.group(1));
		}
		return blocks;
	}

	private static void assertCompile(List<String> snippets, Path directory) throws Exception {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < snippets.size(); i++) {
			String snippet = snippets.get(i);
			Matcher type = TYPE_NAME.matcher(snippet);
			assertThat(type.find()).as("snippet %d declares a class:%n%s", i + 1, snippet).isTrue();
			Path sources = Files.createDirectories(directory.resolve("snippet-" + i));
			Path classes = Files.createDirectories(directory.resolve("classes-" + i));
			Path source = sources.resolve(type.group(1) + ".java");
			Files.writeString(source, snippet, StandardCharsets.UTF_8);
			Path agent = sources.resolve("SupportAgent.java");
			Files.writeString(agent, SUPPORT_AGENT, StandardCharsets.UTF_8);
			DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
			try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
					StandardCharsets.UTF_8)) {
				boolean compiled = compiler
					.getTask(null, files, diagnostics,
							List.of("-proc:none", "-classpath", classPath, "-d", classes.toString()), null,
							files.getJavaFileObjects(source.toFile(), agent.toFile()))
					.call();
				if (!compiled) {
					StringBuilder errors = new StringBuilder();
					for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
						if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
							errors.append("  line ").append(diagnostic.getLineNumber()).append(": ")
								.append(diagnostic.getMessage(Locale.ROOT)).append('\n');
						}
					}
					failures.add("snippet " + (i + 1) + " (" + type.group(1) + ") does not compile:\n" + errors);
				}
			}
		}
		assertThat(failures).as("class path entries: %d", classPath.split(File.pathSeparator).length).isEmpty();
	}

}
