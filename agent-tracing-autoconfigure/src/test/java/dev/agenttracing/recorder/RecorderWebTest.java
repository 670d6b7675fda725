package dev.agenttracing.recorder;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * A test of {@link RecorderWebApplication} on a random port, without any model provider,
 * metrics export or tail sampling (whose sweeper thread would outlive the test in the
 * context cache).
 * A test adds the properties it is about with {@code @TestPropertySource}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = RecorderWebApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.ai.model.chat=none", "spring.ai.model.embedding=none", "spring.ai.model.image=none",
				"spring.ai.model.audio.speech=none", "spring.ai.model.audio.transcription=none",
				"spring.ai.model.moderation=none", "management.otlp.metrics.export.enabled=false",
				"management.opentelemetry.logging.export.otlp.enabled=false", "agent-tracing.sampling.enabled=false" })
@interface RecorderWebTest {

}
