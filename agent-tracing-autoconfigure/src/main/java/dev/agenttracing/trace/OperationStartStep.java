package dev.agenttracing.trace;

import io.micrometer.observation.Observation;

/**
 * Something that prepares a GenAI operation before its span starts, whichever
 * {@link GenAiSpanConvention} writes that span: the built-in one or an application's.
 * The deferred end of a streamed model call's span is prepared this way. Internal: not
 * an extension point.
 */
public interface OperationStartStep {

	/**
	 * Prepare the operation; called before its span starts.
	 * @param context the observation's context
	 */
	void beforeSpanStart(Observation.Context context);

}
