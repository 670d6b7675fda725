package dev.agenttracing.run;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long a run whose result is done waits for its open model calls and tool
 * executions before it ends anyway: a call that never stops (a stream nobody consumes or
 * cancels) must not keep the run, and so its trace, from being exported. One daemon
 * thread, started only when a run waits, gone after a few idle seconds.
 */
final class RunEndDeadline {

	/** How long a run waits for its open operations after its result is done. */
	static final Duration GRACE = Duration.ofSeconds(30);

	private static final ScheduledThreadPoolExecutor TIMER = timer();

	private RunEndDeadline() {
	}

	static ScheduledFuture<?> schedule(Runnable action, Duration delay) {
		return TIMER.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	private static ScheduledThreadPoolExecutor timer() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "agent-tracing-run-end");
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		executor.setKeepAliveTime(5, TimeUnit.SECONDS);
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

}
