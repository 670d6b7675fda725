package dev.agenttracing.test;

import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * How a replay compares what a model call sends now with what the recorded call was sent:
 * in the shape content capture records, with redaction marks and cut values standing for
 * what they replaced.
 */
class ReplayInputsTests {

	@Test
	void promptIsWrittenInTheShapeContentCaptureRecords() {
		Prompt prompt = new Prompt(List.of(new SystemMessage("You are the triage desk."),
				new UserMessage("Price in JPY?"),
				AssistantMessage.builder()
					.content("")
					.toolCalls(List.of(new AssistantMessage.ToolCall("call-1", "function", "lookupPrice",
							"{\"currency\": \"JPY\"}")))
					.build(),
				ToolResponseMessage.builder()
					.responses(List.of(new ToolResponseMessage.ToolResponse("call-1", "lookupPrice", "{}")))
					.build()));

		assertThat(TraceSnapshot.JSON.writeValueAsString(ReplayInputs.inputMessages(prompt))).isEqualTo(
				"[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Price in JPY?\"}]},"
						+ "{\"role\":\"assistant\",\"parts\":[{\"type\":\"tool_call\",\"id\":\"call-1\",\"name\":\"lookupPrice\",\"arguments\":{\"currency\":\"JPY\"}}]},"
						+ "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"call-1\",\"response\":{}}]}]");
		assertThat(TraceSnapshot.JSON.writeValueAsString(ReplayInputs.systemInstructions(prompt)))
			.isEqualTo("[{\"type\":\"text\",\"content\":\"You are the triage desk.\"}]");
	}

	@Test
	void redactionMarkStandsForAnyTextInItsPlace() {
		assertThat(ReplayInputs.standsFor("Mail me at [REDACTED:email] today", "Mail me at jane@example.com today"))
			.isTrue();
		assertThat(ReplayInputs.standsFor("Mail me at [email:3f9a1c2b] today", "Mail me at jane@example.com today"))
			.isTrue();
		assertThat(ReplayInputs.standsFor("Card [REDACTED:credit_card], mail [REDACTED:email]",
				"Card 4111 1111 1111 1111, mail jane@example.com"))
			.isTrue();
		assertThat(ReplayInputs.standsFor("Mail me at [REDACTED:email] today", "Mail me at jane@example.com tomorrow"))
			.isFalse();
		assertThat(ReplayInputs.standsFor("Mail me at [REDACTED:email] today", "Mail me at  today")).isFalse();
		assertThat(ReplayInputs.standsFor("A plain (.*) text", "A plain anything text")).isFalse();
	}

	@Test
	void cutValueStandsForAnyValueThatBeginsTheSameWay() {
		assertThat(ReplayInputs.standsFor("The knowledge base says\u2026[truncated]",
				"The knowledge base says a great deal more")).isTrue();
		assertThat(ReplayInputs.standsFor("The knowledge base says\u2026", "The knowledge base says more")).isTrue();
		assertThat(ReplayInputs.standsFor("The knowledge base says\u2026", "The wiki says more")).isFalse();
	}

	@Test
	void recordedJsonWithMarksAndDroppedElementsMatchesTheFullPrompt() {
		String recorded = "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"I am [REDACTED:email]\"}]},"
				+ "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"c1\",\"response\":{\"password\":\"[REDACTED:secret]\",\"items\":[1,\"[truncated]\"]}}]}]";
		String now = "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"I am jane@example.com\"}]},"
				+ "{\"role\":\"tool\",\"parts\":[{\"type\":\"tool_call_response\",\"id\":\"c1\",\"response\":{\"password\":{\"v\":\"hunter2\"},\"items\":[1,2,3]}}]}]";
		String changed = now.replace("[1,2,3]", "[4,2,3]");

		assertThat(JsonComparison.same(TraceSnapshot.JSON.readTree(recorded),
				ReplayInputs.aligned(TraceSnapshot.JSON.readTree(recorded), TraceSnapshot.JSON.readTree(now))))
			.isTrue();
		assertThat(JsonComparison.same(TraceSnapshot.JSON.readTree(recorded),
				ReplayInputs.aligned(TraceSnapshot.JSON.readTree(recorded), TraceSnapshot.JSON.readTree(changed))))
			.isFalse();
	}

	@Test
	void inputMessagesTheFlightRecorderCutAreComparedByTheirBeginning() {
		Prompt prompt = new Prompt(List.of(new UserMessage("Price in JPY? " + "x".repeat(100))));
		String full = TraceSnapshot.JSON.writeValueAsString(ReplayInputs.inputMessages(prompt));
		RecordedRun.ModelCall cut = new RecordedRun.ModelCall(0, "m", full.substring(0, 70), null, "", List.of(),
				List.of("stop"), null, 0, 0);
		RecordedRun.ModelCall otherQuestion = new RecordedRun.ModelCall(0, "m",
				full.replace("JPY", "EUR").substring(0, 70), null, "", List.of(), List.of("stop"), null, 0, 0);

		assertThat(ReplayInputs.differences(cut, prompt)).isEmpty();
		assertThat(ReplayInputs.differences(otherQuestion, prompt)).singleElement()
			.asString()
			.startsWith("input messages (the recording keeps their first 70 characters): recorded ");
	}

	@Test
	void toolsCannotBeStubbedWhenTheToolLoopDoesNotConsultTheReplayModel() {
		ReplayChatModel model = new ReplayChatModel(ObservationRegistry.create());

		assertThatIllegalStateException().isThrownBy(() -> model.stubTools("lookupPrice"))
			.withMessageContaining("annotate the test with @AgentTracingTest");
	}

}
