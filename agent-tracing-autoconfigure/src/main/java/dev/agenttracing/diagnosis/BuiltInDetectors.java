package dev.agenttracing.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.agenttracing.chat.FinishReasons;
import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.run.LoopTermination;
import dev.agenttracing.run.RunLedger;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * The built-in detectors, each a method that adds its findings to a list. They read the
 * step and the run's ledger; the step's own bookkeeping in the ledger (a tool's result or
 * failure, its call count) is done by {@link DiagnosisStep} before them.
 */
final class BuiltInDetectors {

	/**
	 * Words with which an answer says that something went wrong; one of them anywhere in
	 * the answer acknowledges a failed tool.
	 */
	private static final Pattern FAILURE_WORDS = Pattern.compile("(?i)\\b(?:fail(?:s|ed|ing|ure)?|errors?|erroneous"
			+ "|unable|could ?n[o']t|can ?n[o']t|can't|cannot|not able|unavailable|not available"
			+ "|sorry|unfortunately|apologi[sz]e|went wrong|did ?n[o']t work|didn't work|timed? ?out|time-?out"
			+ "|outage|down right now|try again|not possible|impossible|no access|denied"
			+ "|rejected|refused|wasn't able|was not able|weren't able|were not able|couldn't|unreachable"
			+ "|not reachable|not working|broken|glitch)\\b");

	private final DiagnosisSettings settings;

	BuiltInDetectors(DiagnosisSettings settings) {
		this.settings = settings;
	}

	void toolStopped(AgentStep step, boolean empty, int calls, List<Finding> findings) {
		if (this.settings.emptyToolResult() && step.failure() == null && empty) {
			String shown = step.outputText();
			findings.add(new Finding(FindingKinds.EMPTY_TOOL_RESULT, "Tool " + step.name() + " returned an empty result",
					(shown != null) ? abbreviate(shown) : "null", Map.of()));
		}
		if (this.settings.repeatedToolCall() && calls > 0 && calls == this.settings.repeatedToolCallThreshold()) {
			findings.add(new Finding(FindingKinds.REPEATED_TOOL_CALL,
					"Tool " + step.name() + " was called " + calls + " times with the same arguments",
					abbreviate(String.valueOf(step.input())), Map.of("repeats", (long) calls)));
		}
	}

	void modelCallStopped(AgentStep step, RunLedger ledger, List<Finding> findings) {
		if (!(step.output() instanceof ChatResponse response)) {
			return;
		}
		if (this.settings.truncatedResponse()) {
			truncation(response, findings);
		}
		if (!step.isFinalAnswer()) {
			return;
		}
		String answer = step.outputText();
		if (answer == null) {
			answer = "";
		}
		if (this.settings.ungroundedValue()) {
			ungrounded(step, answer, ledger, findings);
		}
		if (this.settings.toolErrorIgnored()) {
			List<String> failed = ledger.takeFailedTools();
			if (!failed.isEmpty() && !FAILURE_WORDS.matcher(answer).find()) {
				findings.add(new Finding(FindingKinds.TOOL_ERROR_IGNORED,
						"The answer does not say that " + String.join(", ", failed) + " failed", null,
						Map.of("tools", String.join(",", failed))));
			}
		}
	}

	void runEnded(AgentRunObservationContext run, List<Finding> findings) {
		if (this.settings.budgetExceeded()) {
			for (String budget : run.getBudgetsExceeded()) {
				findings.add(new Finding(FindingKinds.BUDGET_EXCEEDED, "The run went over its " + budget + " budget",
						null, Map.of("budget", budget)));
			}
		}
		if (this.settings.maxIterations() && run.getLoopTermination() == LoopTermination.MAX_ITERATIONS) {
			findings.add(new Finding(FindingKinds.MAX_ITERATIONS,
					"The agent loop stopped at its iteration limit without a final answer", null,
					Map.of("iterations", (long) run.getIterations())));
		}
	}

	private static void truncation(ChatResponse response, List<Finding> findings) {
		for (Generation generation : response.getResults()) {
			String reason = (generation.getMetadata() != null) ? generation.getMetadata().getFinishReason() : null;
			if (FinishReasons.LENGTH.equals(FinishReasons.normalise(reason))) {
				findings.add(new Finding(FindingKinds.TRUNCATED_RESPONSE,
						"The model's answer was cut by its token limit", null,
						Map.of("reason", FinishReasons.LENGTH)));
				return;
			}
		}
		for (Generation generation : response.getResults()) {
			AssistantMessage message = generation.getOutput();
			if (message == null) {
				continue;
			}
			for (AssistantMessage.ToolCall call : message.getToolCalls()) {
				if (!JsonValues.isValidJson(call.arguments())) {
					findings.add(new Finding(FindingKinds.TRUNCATED_RESPONSE,
							"The model asked for tool " + call.name() + " with arguments that are not valid JSON",
							abbreviate(call.arguments()), Map.of("reason", "invalid_tool_arguments")));
					return;
				}
			}
		}
	}

	private static void ungrounded(AgentStep step, String answer, RunLedger ledger, List<Finding> findings) {
		List<StatedValues.Value> stated = StatedValues.stated(answer);
		if (stated.isEmpty()) {
			return;
		}
		List<String> inputs = inputs(step.input(), ledger);
		Set<String> held = null;
		List<String> ungrounded = null;
		for (StatedValues.Value value : stated) {
			if (containsToken(inputs, value.text())) {
				continue;
			}
			if (held == null) {
				held = StatedValues.held(inputs);
			}
			boolean grounded = false;
			for (String form : value.forms()) {
				if (held.contains(form)) {
					grounded = true;
					break;
				}
			}
			if (!grounded) {
				if (ungrounded == null) {
					ungrounded = new ArrayList<>(2);
				}
				ungrounded.add(value.text());
			}
		}
		if (ungrounded != null) {
			int count = ungrounded.size();
			findings.add(new Finding(FindingKinds.UNGROUNDED_VALUE,
					"The answer states " + count + ((count == 1) ? " value" : " values")
							+ " found in none of the run's inputs",
					String.join(", ", ungrounded), Map.of("values", (long) count)));
		}
	}

	/**
	 * What the answer may draw on: every message of the model call's prompt (system, user,
	 * earlier answers, tool responses) and every tool result of the run.
	 */
	private static List<String> inputs(@Nullable Object input, RunLedger ledger) {
		List<String> inputs = new ArrayList<>();
		if (input instanceof Prompt prompt) {
			for (Message message : prompt.getInstructions()) {
				if (message instanceof ToolResponseMessage tools) {
					for (ToolResponseMessage.ToolResponse response : tools.getResponses()) {
						if (response.responseData() != null) {
							inputs.add(response.responseData());
						}
					}
				}
				else if (message.getText() != null) {
					inputs.add(message.getText());
				}
			}
		}
		inputs.addAll(ledger.toolResults());
		return inputs;
	}

	/**
	 * Whether a value as written occurs in an input as a whole token (not as part of a
	 * longer number or word): the quick path before the normal forms.
	 */
	static boolean containsToken(List<String> inputs, String token) {
		for (String input : inputs) {
			int from = 0;
			while (true) {
				int at = input.indexOf(token, from);
				if (at < 0) {
					break;
				}
				int end = at + token.length();
				if (!joins(input, at - 1, -1) && !joins(input, end, 1)) {
					return true;
				}
				from = at + 1;
			}
		}
		return false;
	}

	private static boolean joins(String text, int index, int direction) {
		if (index < 0 || index >= text.length()) {
			return false;
		}
		char c = text.charAt(index);
		if (Character.isLetterOrDigit(c)) {
			return true;
		}
		if (c == '.' || c == ',') {
			int next = index + direction;
			return next >= 0 && next < text.length() && Character.isDigit(text.charAt(next));
		}
		return false;
	}

	private static String abbreviate(String text) {
		String line = text.replace('\n', ' ').replace('\r', ' ');
		return (line.length() > 120) ? line.substring(0, 119) + "…" : line;
	}


}
