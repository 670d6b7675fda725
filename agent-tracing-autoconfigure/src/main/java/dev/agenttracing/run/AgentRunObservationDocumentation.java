package dev.agenttracing.run;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation of an agent run.
 */
public enum AgentRunObservationDocumentation implements ObservationDocumentation {

	/**
	 * One call of an {@link AgentRun} method.
	 */
	AGENT_RUN {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultAgentRunObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}
	};

	/**
	 * Keys that are also metric tags.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** Always {@code invoke_agent}. */
		OPERATION_NAME {
			@Override
			public String asString() {
				return "gen_ai.operation.name";
			}
		},

		/** The agent's name. */
		AGENT_NAME {
			@Override
			public String asString() {
				return "gen_ai.agent.name";
			}
		},

		/** {@code success}, {@code error} or {@code refused}; set when the run ends. */
		OUTCOME {
			@Override
			public String asString() {
				return "agent.outcome";
			}
		}

	}

	/**
	 * Keys that go on the span only.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The workflow run id. */
		WORKFLOW_RUN_ID {
			@Override
			public String asString() {
				return "workflow.run_id";
			}
		},

		/** The conversation id, when the application or chat memory gives one. */
		CONVERSATION_ID {
			@Override
			public String asString() {
				return "gen_ai.conversation.id";
			}
		},

		/** The end user. */
		USER_ID {
			@Override
			public String asString() {
				return "user.id";
			}
		},

		/** The user's session. */
		SESSION_ID {
			@Override
			public String asString() {
				return "session.id";
			}
		}

	}

}
