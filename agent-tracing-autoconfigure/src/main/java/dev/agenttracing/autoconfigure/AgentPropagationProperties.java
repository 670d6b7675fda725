package dev.agenttracing.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of trace propagation across boundaries (HTTP, messages, MCP, threads),
 * under {@code agent-tracing.propagation.*}.
 */
@ConfigurationProperties("agent-tracing.propagation")
public class AgentPropagationProperties {

	/**
	 * Whether agent-tracing propagates the trace and the business context of agent runs
	 * across boundaries. When off, no propagation bean of agent-tracing is created and
	 * Boot's own propagation is left as it is.
	 */
	private boolean enabled = true;

	/**
	 * The business attributes of a run that travel to other services as W3C baggage
	 * entries of the same name, and that a top-level run in the receiving service
	 * inherits when it has none of its own. Any of 'workflow.run_id', 'user.id',
	 * 'session.id' and 'gen_ai.conversation.id'.
	 */
	private List<String> baggageKeys = new ArrayList<>(
			List.of("workflow.run_id", "user.id", "session.id", "gen_ai.conversation.id"));

	/**
	 * Whether an MCP client sends the trace context ('traceparent', 'tracestate',
	 * 'baggage') in 'params._meta' of every tool call, and an MCP server continues the
	 * trace from it.
	 */
	private boolean mcp = true;

	/**
	 * Whether the observation support of Spring Kafka and Spring AMQP (templates and
	 * listeners) is switched on by default, so that their spans join the agent's trace.
	 * An explicit 'spring.kafka.*.observation-enabled' or
	 * 'spring.rabbitmq.*.observation-enabled' setting always wins.
	 */
	private boolean messagingObservations = true;

	/**
	 * Whether Reactor pipelines restore the trace context on every operator
	 * ('spring.reactor.context-propagation=auto' by default), so that streamed model
	 * calls and Flux-returning tools and agents keep their parent span. An explicit
	 * 'spring.reactor.context-propagation' setting always wins.
	 */
	private boolean reactorAutoContext = true;

	/**
	 * Whether Boot's task executors (the one behind '@Async', virtual threads included)
	 * carry the trace context to the threads they run tasks on
	 * ('spring.task.execution.propagate-context=true' by default). An explicit
	 * 'spring.task.execution.propagate-context' setting always wins.
	 */
	private boolean taskExecutors = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getBaggageKeys() {
		return this.baggageKeys;
	}

	public void setBaggageKeys(List<String> baggageKeys) {
		this.baggageKeys = baggageKeys;
	}

	public boolean isMcp() {
		return this.mcp;
	}

	public void setMcp(boolean mcp) {
		this.mcp = mcp;
	}

	public boolean isMessagingObservations() {
		return this.messagingObservations;
	}

	public void setMessagingObservations(boolean messagingObservations) {
		this.messagingObservations = messagingObservations;
	}

	public boolean isReactorAutoContext() {
		return this.reactorAutoContext;
	}

	public void setReactorAutoContext(boolean reactorAutoContext) {
		this.reactorAutoContext = reactorAutoContext;
	}

	public boolean isTaskExecutors() {
		return this.taskExecutors;
	}

	public void setTaskExecutors(boolean taskExecutors) {
		this.taskExecutors = taskExecutors;
	}

}
