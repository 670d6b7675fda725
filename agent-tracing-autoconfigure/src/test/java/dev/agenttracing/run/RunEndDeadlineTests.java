package dev.agenttracing.run;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run whose result is done waits for its open operations, but not forever: past the
 * grace period it ends anyway, exactly once, and an operation ending later changes
 * nothing.
 */
class RunEndDeadlineTests {

	@Test
	void runWithAnOperationThatNeverEndsEndsAfterTheGracePeriod() {
		AgentRunObservationContext run = run();
		AtomicInteger finished = new AtomicInteger();
		run.operationStarted();

		run.finishWhenOperationsEnd(finished::incrementAndGet, Duration.ofMillis(200));

		assertThat(finished).hasValue(0);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(finished).hasValue(1));
		run.operationEnded();
		assertThat(finished).hasValue(1);
	}

	@Test
	void runWhoseOperationsEndInTimeEndsOnceWhenTheLastEnds() throws Exception {
		AgentRunObservationContext run = run();
		AtomicInteger finished = new AtomicInteger();
		run.operationStarted();
		run.operationStarted();

		run.finishWhenOperationsEnd(finished::incrementAndGet, Duration.ofMillis(300));
		run.operationEnded();
		assertThat(finished).hasValue(0);
		run.operationEnded();
		assertThat(finished).hasValue(1);

		// the deadline was cancelled: nothing more happens after it would have fired
		await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(finished).hasValue(1));
	}

	@Test
	void runWithNothingOpenEndsAtOnce() {
		AgentRunObservationContext run = run();
		AtomicInteger finished = new AtomicInteger();

		run.finishWhenOperationsEnd(finished::incrementAndGet, Duration.ofSeconds(30));

		assertThat(finished).hasValue(1);
	}

	private static AgentRunObservationContext run() {
		return new AgentRunObservationContext("agent", null, "run-1", null, null, null, null, java.util.Map.of());
	}

}
