package dev.agenttracing.sample.docs;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every {@code ```java} block of {@code README.md} and {@code docs/*.md} compiles, against
 * this module's test classpath (the starter, {@code agent-tracing-test}, Spring AI with its
 * OpenAI and MCP modules, Spring Data Redis).
 *
 * <h2>The rules</h2>
 * <ul>
 * <li>A block that declares a top-level type (a {@code class}, {@code record},
 * {@code interface}, {@code enum} or {@code @interface} starting a line, after optional
 * modifiers and annotations) is a whole source file and compiles <em>as pasted</em>: its
 * imports must be in it.</li>
 * <li>Any other block is a fragment: its {@code import} lines go to the top, and the rest
 * goes into a method body, or into a class body when it starts with a field or member
 * declaration ({@code static}, {@code private}, {@code @...}). What the code around a
 * fragment would have (the variables it uses, imports a reader already has) is declared in
 * an HTML comment right before the block, invisible on the page:
 * {@code <!-- java-fragment: import a.B; B b; -->}; its {@code import} statements join the
 * imports, the rest goes at the start of the class.</li>
 * <li>{@code <!-- java-block: not compiled, REASON -->} right before a block leaves it out,
 * with a reason; use it rarely.</li>
 * </ul>
 * A document with no Java block is fine; a marker at the start of a line that does not stand
 * right before a block fails.
 */
class DocumentationJavaBlocksTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern BLOCK = Pattern
		.compile("(?:<!--\\s*(java-fragment|java-block):(.*?)-->\\s*\\n)?```java\\n(.*?)\\n```", Pattern.DOTALL);

	private static final Pattern TYPE_DECLARATION = Pattern.compile(
			"(?m)^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|final|abstract|sealed|non-sealed|static)\\s+)*(?:class|record|interface|enum|@interface)\\s+\\w+");

	private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+[^;]+;\\s*$");

	@TempDir
	Path output;

	@TestFactory
	Stream<DynamicTest> everyJavaBlockOfTheDocumentationCompiles() throws IOException {
		List<DynamicTest> tests = new ArrayList<>();
		for (Path document : documents()) {
			List<Block> blocks = blocks(document);
			for (Block block : blocks) {
				String name = ROOT.relativize(document) + ":" + block.line();
				tests.add(DynamicTest.dynamicTest(name, () -> {
					if (block.skipReason() != null) {
						assertThat(block.skipReason()).as("the reason a block is not compiled").isNotBlank();
						return;
					}
					compile(name, block);
				}));
			}
		}
		assertThat(tests).as("Java blocks in README.md and docs/*.md").isNotEmpty();
		return tests.stream();
	}

	@Test
	void fragmentsAreWrappedAndWholeFilesAreLeftAsTheyAre() {
		assertThat(source(new Block(1, "import java.util.List;\n\nList<String> names = List.of(\"a\");", null, null)))
			.startsWith("import java.util.List;")
			.contains("void fragment() throws Exception {\nList<String> names");
		assertThat(source(new Block(1, "static final int LIMIT = 3;", null, null)))
			.contains("class Fragment {\nstatic final int LIMIT = 3;");
		assertThat(source(new Block(1, "n++;", "import java.util.Set; int n;", null)))
			.startsWith("import java.util.Set;")
			.contains("int n;");
		String whole = "import java.util.List;\n\n@Deprecated\nclass Agent {\n}";
		assertThat(source(new Block(1, whole, null, null))).isEqualTo(whole);
	}

	@Test
	void aBlockThatDoesNotCompileFailsTheTest() {
		Block broken = new Block(1, "class Agent {\n    String answer() { ... }\n}", null, null);
		org.assertj.core.api.Assertions.assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> compile("broken", broken))
			.withMessageContaining("does not compile");
	}

	private void compile(String name, Block block) throws IOException {
		Path directory = Files.createTempDirectory(this.output, "block");
		String source = source(block);
		Matcher type = Pattern.compile("(?m)^(?:(?:public|final|abstract|sealed|non-sealed|static)\\s+)*(?:class|record|interface|enum|@interface)\\s+(\\w+)")
			.matcher(source);
		String typeName = type.find() ? type.group(1) : "Fragment";
		Path file = directory.resolve(typeName + ".java");
		Files.writeString(file, source, StandardCharsets.UTF_8);
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		StringWriter out = new StringWriter();
		try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
				StandardCharsets.UTF_8)) {
			boolean compiled = compiler
				.getTask(out, files, diagnostics,
						List.of("-proc:none", "-parameters", "-classpath", System.getProperty("java.class.path"), "-d",
								directory.toString()),
						null, files.getJavaFileObjects(file))
				.call();
			if (!compiled) {
				StringBuilder message = new StringBuilder(name + " does not compile:\n");
				diagnostics.getDiagnostics()
					.forEach((diagnostic) -> message.append("  line ")
						.append(diagnostic.getLineNumber())
						.append(": ")
						.append(diagnostic.getMessage(Locale.ROOT))
						.append('\n'));
				message.append("--- as compiled ---\n").append(source);
				fail(message.toString());
			}
		}
	}

	static String source(Block block) {
		String code = block.code();
		if (block.scaffold() == null && TYPE_DECLARATION.matcher(code).find()) {
			return code;
		}
		StringBuilder imports = new StringBuilder();
		StringBuilder declarations = new StringBuilder();
		if (block.scaffold() != null) {
			Matcher scaffoldImports = Pattern.compile("import\\s+[^;]+;").matcher(block.scaffold());
			while (scaffoldImports.find()) {
				imports.append(scaffoldImports.group()).append('\n');
			}
			declarations.append(block.scaffold().replaceAll("import\\s+[^;]+;", "").strip()).append('\n');
		}
		Matcher blockImports = IMPORT.matcher(code);
		while (blockImports.find()) {
			imports.append(blockImports.group().strip()).append('\n');
		}
		String body = IMPORT.matcher(code).replaceAll("").strip();
		boolean members = body.startsWith("static ") || body.startsWith("private ") || body.startsWith("@")
				|| body.startsWith("public ") || body.startsWith("final ");
		StringBuilder source = new StringBuilder(imports).append("\nclass Fragment {\n").append(declarations);
		if (members) {
			source.append(body).append("\n}\n");
		}
		else {
			source.append("void fragment() throws Exception {\n").append(body).append("\n}\n}\n");
		}
		return source.toString();
	}

	private static List<Path> documents() throws IOException {
		List<Path> documents = new ArrayList<>();
		documents.add(ROOT.resolve("README.md"));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		return documents;
	}

	static List<Block> blocks(Path document) throws IOException {
		String text = Files.readString(document, StandardCharsets.UTF_8);
		List<Block> blocks = new ArrayList<>();
		Matcher matcher = BLOCK.matcher(text);
		while (matcher.find()) {
			int line = (int) text.substring(0, matcher.start(3)).lines().count();
			String kind = matcher.group(1);
			String marker = (matcher.group(2) != null) ? matcher.group(2).strip() : null;
			blocks.add(new Block(line, matcher.group(3), "java-fragment".equals(kind) ? marker : null,
					"java-block".equals(kind) ? marker.replaceFirst("^not compiled,?", "").strip() : null));
		}
		long markers = Pattern.compile("(?m)^<!--\\s*java-(fragment|block):").matcher(text).results().count();
		assertThat(blocks.stream().filter((block) -> block.scaffold() != null || block.skipReason() != null).count())
			.as("markers in %s that stand right before a ```java block", document)
			.isEqualTo(markers);
		return blocks;
	}

	record Block(int line, String code, String scaffold, String skipReason) {
	}

}
