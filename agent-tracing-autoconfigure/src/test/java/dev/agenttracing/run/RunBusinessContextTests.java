package dev.agenttracing.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.Test;

import dev.agenttracing.autoconfigure.AgentTracingAutoConfiguration;
import dev.agenttracing.trace.TracingFailures;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Business context read from an agent's arguments, including the arguments that cannot
 * be read.
 */
class RunBusinessContextTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, AopAutoConfiguration.class,
				AgentTracingAutoConfiguration.class))
		.withUserConfiguration(Agents.class);

	@Test
	void parameterAnnotationsAndExpressionsGiveTheBusinessContext() {
		this.runner.run((context) -> {
			context.getBean(Agents.Agent.class).annotated(new Request("u-1", "gold"), "c-9", "s-3", "EU");
			AgentRunObservationContext run = context.getBean(Agents.Recorder.class).runs.get(0);
			assertThat(run.getAgentName()).isEqualTo("Agent");
			assertThat(run.getUserId()).isEqualTo("u-1");
			assertThat(run.getConversationId()).isEqualTo("c-9");
			assertThat(run.getSessionId()).isEqualTo("s-3");
			assertThat(run.getTags()).containsEntry("tier", "gold").containsEntry("region", "EU");
			assertThat(run.getRunId()).isNotBlank();
		});
	}

	@Test
	void unreadableArgumentsLeaveTheirTagOutAndAreLoggedOnce() {
		this.runner.run((context) -> {
			Agents.Agent agent = context.getBean(Agents.Agent.class);
			TracingFailures failures = context.getBean(TracingFailures.class);

			assertThat(agent.fragile(null, new Exploding())).isEqualTo("done");
			assertThat(agent.fragile(null, new Exploding())).isEqualTo("done");

			AgentRunObservationContext run = context.getBean(Agents.Recorder.class).runs.get(1);
			assertThat(run.getUserId()).isNull();
			assertThat(run.getTags()).doesNotContainKeys("missing", "exploding").containsEntry("kept", "yes");
			assertThat(run.getOutcome()).isEqualTo(AgentOutcome.SUCCESS);
			// a missing argument, a null on the way and a throwing toString: each failed twice
			assertThat(failures.total()).isEqualTo(6);
			assertThat(failures.snapshot()).hasSize(3);
		});
	}

	record Request(String user, String tier) {
	}

	static class Exploding {

		@Override
		public String toString() {
			throw new IllegalStateException("toString bug");
		}

	}

	@Configuration(proxyBeanMethods = false)
	public static class Agents {

		@Bean
		Agent agent() {
			return new Agent();
		}

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		public static class Agent {

			@AgentRun(userId = "#request.user", tags = "tier=#request.tier")
			public String annotated(Request request, @ConversationId String conversation, @SessionId String session,
					@AgentTag("region") String region) {
				return "ok";
			}

			@AgentRun(name = "fragile", userId = "#request.user",
					tags = { "missing=#nope.field", "exploding=#exploding", "kept='yes'" })
			public String fragile(Request request, Exploding exploding) {
				return "done";
			}

		}

		static class Recorder implements ObservationHandler<AgentRunObservationContext> {

			final List<AgentRunObservationContext> runs = new CopyOnWriteArrayList<>();

			@Override
			public void onStop(AgentRunObservationContext context) {
				this.runs.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof AgentRunObservationContext;
			}

		}

	}

}
