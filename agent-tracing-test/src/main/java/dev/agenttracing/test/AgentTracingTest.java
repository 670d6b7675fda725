package dev.agenttracing.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.test.context.TestPropertySource;

/**
 * Captures the traces of a {@code @SpringBootTest} in memory, with the application's real
 * tracing configuration, for assertions on its agent runs:
 * <ul>
 * <li>an {@link AgentTraces} bean whose span processor is added to Boot's OpenTelemetry
 * tracer provider, injectable into the test ({@code @Autowired}) or into a test method
 * as a parameter;</li>
 * <li>{@code management.tracing.sampling.probability=1.0}, so that every trace is
 * recorded;</li>
 * <li>the captured spans emptied before each test ({@link AgentTraceExtension}).</li>
 * </ul>
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AgentTracingTest
 * class SupportAgentTests {
 *
 *     &#64;Test
 *     void answersAPricingQuestionWithOneToolCall(&#64;Autowired SupportAgent agent, AgentTraces traces) {
 *         agent.handle("How much is the Pro plan in EUR?");
 *         assertThatRun(traces.lastRun()).succeeded().calledToolsExactly("lookupPricing");
 *     }
 *
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(AgentTraceExtension.class)
@ImportAutoConfiguration(AgentTracingTestAutoConfiguration.class)
@TestPropertySource(properties = AgentTracingTestAutoConfiguration.SAMPLE_EVERY_TRACE)
public @interface AgentTracingTest {

}
