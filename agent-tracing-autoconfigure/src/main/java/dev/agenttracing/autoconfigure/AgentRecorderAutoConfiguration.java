package dev.agenttracing.autoconfigure;

import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agenttracing.recorder.AgentRunsEndpoint;
import dev.agenttracing.recorder.FlightRecorder;
import dev.agenttracing.recorder.FlightRecorderSpanExporter;
import dev.agenttracing.recorder.FlightRecorderViewerController;
import dev.agenttracing.trace.TracingFailures;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of the flight recorder: the recent agent runs, kept in memory as
 * they are exported ({@link FlightRecorder} fed by a {@link FlightRecorderSpanExporter}
 * bean, which Spring Boot adds to the exporters behind its span processor), the
 * {@code agentruns} actuator endpoint, and the viewer page.
 */
@AutoConfiguration(after = AgentTracingAutoConfiguration.class)
@ConditionalOnClass({ SpanExporter.class, SpanData.class })
@ConditionalOnBooleanProperty(name = "agent-tracing.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "agent-tracing.recorder.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AgentRecorderProperties.class)
public final class AgentRecorderAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FlightRecorder agentFlightRecorder(AgentRecorderProperties properties) {
		return new FlightRecorder(properties.toLimits());
	}

	@Bean
	@ConditionalOnMissingBean
	FlightRecorderSpanExporter agentFlightRecorderSpanExporter(FlightRecorder recorder,
			ObjectProvider<TracingFailures> failures) {
		return new FlightRecorderSpanExporter(recorder, failures.getIfAvailable(TracingFailures::new));
	}

	/**
	 * The {@code agentruns} endpoint, when the application has actuator and exposes it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
			"org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		AgentRunsEndpoint agentRunsEndpoint(FlightRecorder recorder) {
			return new AgentRunsEndpoint(recorder);
		}

	}

	/**
	 * The viewer page, in a servlet web application that turns it on.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
	@ConditionalOnBooleanProperty("agent-tracing.recorder.viewer.enabled")
	static class ViewerConfiguration {

		private static final Logger logger = LoggerFactory.getLogger(ViewerConfiguration.class);

		private static final String SPRING_SECURITY = "org.springframework.security.web.SecurityFilterChain";

		@Bean
		@ConditionalOnMissingBean
		FlightRecorderViewerController agentFlightRecorderViewerController(FlightRecorder recorder) {
			if (!ClassUtils.isPresent(SPRING_SECURITY, getClass().getClassLoader())) {
				logger.warn("The agent runs viewer is served at {}/ without Spring Security: whoever reaches this "
						+ "port can read the recorded runs", FlightRecorderViewerController.PATH);
			}
			return new FlightRecorderViewerController(recorder);
		}

	}

}
