package dev.agenttracing.recorder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The viewer's script declares each of its top-level functions and constants once: a
 * second {@code function name} in the same scope silently replaces the first (two
 * features merged that way once broke the page in every browser test but no other).
 */
class ViewerScriptTests {

	private static final Pattern TOP_LEVEL = Pattern.compile("^  (?:async )?(?:function|const|let) (\\w+)",
			Pattern.MULTILINE);

	@Test
	void everyTopLevelNameIsDeclaredOnce() throws IOException {
		String script;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/agent-tracing/viewer/viewer.js")) {
			assertThat(in).as("viewer.js").isNotNull();
			script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		List<String> names = new ArrayList<>();
		Matcher matcher = TOP_LEVEL.matcher(script);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		assertThat(names).as("top-level declarations").hasSizeGreaterThan(50).contains("renderRuns", "state");
		Map<String, Long> counts = names.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(counts).as("names declared more than once").allSatisfy((name, count) -> assertThat(count).as(name).isOne());
	}

}
