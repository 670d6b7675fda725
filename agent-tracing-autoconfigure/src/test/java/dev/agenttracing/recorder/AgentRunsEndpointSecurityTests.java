package dev.agenttracing.recorder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import static dev.agenttracing.recorder.SpanFixture.traceId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint and the viewer, exposed and turned on, behind an application's Spring
 * Security filter chain that requires authentication: nothing of the recorder, its JSON,
 * its page or the page's script and styles, is served to an anonymous caller, and no other
 * path serves the viewer's files.
 */
@SpringBootTest(classes = { RecorderWebApplication.class, AgentRunsEndpointSecurityTests.Secured.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=", "spring.ai.model.chat=none",
				"spring.ai.model.embedding=none", "spring.ai.model.image=none", "spring.ai.model.audio.speech=none",
				"spring.ai.model.audio.transcription=none", "spring.ai.model.moderation=none",
				"management.otlp.metrics.export.enabled=false",
				"management.opentelemetry.logging.export.otlp.enabled=false", "agent-tracing.sampling.enabled=false",
				"management.endpoints.web.exposure.include=agentruns",
				"agent-tracing.recorder.viewer.enabled=true" })
class AgentRunsEndpointSecurityTests {

	private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private static final List<String> RECORDER_PATHS = List.of("/actuator/agentruns", "/actuator/agentruns/" + traceId(1),
			"/agent-tracing/runs", "/agent-tracing/runs/", "/agent-tracing/runs/viewer.js",
			"/agent-tracing/runs/viewer.css", "/agent-tracing/runs/api/runs",
			"/agent-tracing/runs/api/runs/" + traceId(1));

	/** Where a static-resource handler could serve the viewer's files from, were they exposed. */
	private static final List<String> ASSET_PATHS = List.of("/META-INF/agent-tracing/viewer/index.html",
			"/agent-tracing/viewer/viewer.js", "/viewer.js", "/index.html");

	@LocalServerPort
	int port;

	@Autowired
	FlightRecorder recorder;

	@BeforeEach
	void record() {
		RecorderWebApplication.recordRuns(this.recorder);
	}

	@Test
	void anonymousCallersGetNothingOfTheRecorder() {
		for (String path : RECORDER_PATHS) {
			HttpResponse<String> response = get(path, null);
			assertThat(response.statusCode()).as("anonymous GET %s", path).isEqualTo(401);
			assertThat(response.body()).as("anonymous GET %s", path).doesNotContain("support-router", "c-007");
		}
		// the servlet container refuses META-INF paths itself (404); the others ask for credentials
		for (String path : ASSET_PATHS) {
			assertThat(get(path, null).statusCode()).as("anonymous GET %s", path).isIn(401, 404);
		}
	}

	@Test
	void wrongCredentialsGetNothingEither() {
		for (String path : RECORDER_PATHS) {
			assertThat(get(path, "ops:guess").statusCode()).as("GET %s with a wrong password", path).isEqualTo(401);
		}
	}

	@Test
	void authenticatedCallersGetTheRecorderAndTheViewerKeepsItsPolicy() {
		assertThat(get("/actuator/agentruns", "ops:s3cret").body()).contains(traceId(1), "c-007");
		assertThat(get("/actuator/agentruns/" + traceId(1), "ops:s3cret").statusCode()).isEqualTo(200);
		assertThat(get("/agent-tracing/runs", "ops:s3cret").statusCode()).isEqualTo(302);
		HttpResponse<String> page = get("/agent-tracing/runs/", "ops:s3cret");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy).contains("default-src 'none'"));
		assertThat(get("/agent-tracing/runs/viewer.js", "ops:s3cret").statusCode()).isEqualTo(200);
		assertThat(get("/agent-tracing/runs/viewer.css", "ops:s3cret").statusCode()).isEqualTo(200);
		assertThat(get("/agent-tracing/runs/api/runs", "ops:s3cret").body()).contains(traceId(1));
		assertThat(get("/agent-tracing/runs/api/runs/" + traceId(1), "ops:s3cret").statusCode()).isEqualTo(200);
		// the viewer's files are served by its controller only, never as static resources
		for (String path : ASSET_PATHS) {
			assertThat(get(path, "ops:s3cret").statusCode()).as("GET %s", path).isEqualTo(404);
		}
	}

	private HttpResponse<String> get(String path, String credentials) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (credentials != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** An application's own security: operators sign in; error pages render for everyone. */
	@Configuration(proxyBeanMethods = false)
	static class Secured {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.requestMatchers("/error")
				.permitAll()
				.anyRequest()
				.authenticated()).httpBasic(Customizer.withDefaults()).build();
		}

		@Bean
		UserDetailsService operators() {
			return new InMemoryUserDetailsManager(User.withUsername("ops").password("{noop}s3cret").roles("OPS").build());
		}

	}

}
