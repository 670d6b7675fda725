package dev.agenttracing.trace;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Ends the GenAI spans of the runs still in flight when the application context closes,
 * before the tracer provider is shut down: the batch processor then exports them with the
 * finished runs, with a status that says why they ended, instead of losing them.
 */
public final class InFlightSpansShutdown implements SmartLifecycle {

	/**
	 * Stops after the lifecycle beans of Spring Boot and of most libraries (the web
	 * server's graceful shutdown, message listener containers), so that runs they let
	 * finish end normally; lifecycle beans all stop before any bean, the tracer provider
	 * among them, is destroyed.
	 */
	public static final int PHASE = Integer.MIN_VALUE + 1024;

	private static final Logger logger = LoggerFactory.getLogger(InFlightSpansShutdown.class);

	private final InFlightSpans spans;

	private volatile boolean running;

	/**
	 * Create the lifecycle.
	 * @param spans the spans in flight
	 */
	public InFlightSpansShutdown(InFlightSpans spans) {
		this.spans = spans;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		int ended = this.spans.endAllAtShutdown();
		if (ended > 0) {
			logger.info("Ended {} span(s) of agent runs still in flight at shutdown (error.type={})", ended,
					InFlightSpans.SHUTDOWN_ERROR_TYPE);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
