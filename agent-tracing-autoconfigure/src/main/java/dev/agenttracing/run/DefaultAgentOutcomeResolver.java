package dev.agenttracing.run;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The default {@link AgentOutcomeResolver}: an exception of one of the refusal types (or
 * a subtype) is a refusal, any other exception an error; a run refused while it ran is a
 * refusal; anything else a success.
 */
public class DefaultAgentOutcomeResolver implements AgentOutcomeResolver {

	private final List<Class<? extends Throwable>> refusalExceptions;

	/**
	 * Create a resolver.
	 * @param refusalExceptions exception types that mean the agent refused
	 */
	public DefaultAgentOutcomeResolver(List<Class<? extends Throwable>> refusalExceptions) {
		this.refusalExceptions = List.copyOf(refusalExceptions);
	}

	@Override
	public AgentOutcome resolve(AgentRunObservationContext context, @Nullable Throwable error) {
		if (error != null) {
			for (Class<? extends Throwable> type : this.refusalExceptions) {
				if (type.isInstance(error)) {
					return AgentOutcome.REFUSED;
				}
			}
			return AgentOutcome.ERROR;
		}
		return context.isRefused() ? AgentOutcome.REFUSED : AgentOutcome.SUCCESS;
	}

}
