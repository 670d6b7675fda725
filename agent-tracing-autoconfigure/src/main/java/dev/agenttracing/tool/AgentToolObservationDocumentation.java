package dev.agenttracing.tool;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

import dev.agenttracing.semconv.GenAiOperations;

/**
 * The observation of an {@link AgentTool} method executed outside Spring AI.
 */
public enum AgentToolObservationDocumentation implements ObservationDocumentation {

	/**
	 * One execution of the tool method.
	 */
	AGENT_TOOL {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}
	};

	/**
	 * Keys that are also metric tags.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** Always {@code execute_tool}. */
		OPERATION_NAME {
			@Override
			public String asString() {
				return "gen_ai.operation.name";
			}
		},

		/** The tool name. */
		TOOL_NAME {
			@Override
			public String asString() {
				return "gen_ai.tool.name";
			}
		}

	}

	/**
	 * The default convention: observation {@code gen_ai.execute_tool}, contextual name
	 * {@code execute_tool {tool}}.
	 */
	public static class DefaultConvention implements ObservationConvention<AgentToolObservationContext> {

		/** The observation name, also the name of its timer. */
		public static final String NAME = "gen_ai.execute_tool";

		@Override
		public String getName() {
			return NAME;
		}

		@Override
		public String getContextualName(AgentToolObservationContext context) {
			return GenAiOperations.EXECUTE_TOOL + " " + context.getToolName();
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(AgentToolObservationContext context) {
			return KeyValues.of(KeyValue.of(LowCardinalityKeyNames.OPERATION_NAME, GenAiOperations.EXECUTE_TOOL),
					KeyValue.of(LowCardinalityKeyNames.TOOL_NAME, context.getToolName()));
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof AgentToolObservationContext;
		}

	}

}
