package dev.agenttracing.diagnosis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import dev.agenttracing.capture.ContentCapture;
import dev.agenttracing.redaction.Redactor;
import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.run.CurrentRun;
import dev.agenttracing.run.RunLedger;
import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.tool.AgentToolObservationContext;
import dev.agenttracing.trace.GenAiOperation;
import dev.agenttracing.trace.OperationStep;
import dev.agenttracing.trace.TracingFailures;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * The diagnosis of agent runs, a step of the operation pipeline between the run
 * accounting and the metrics: when a model call or a tool execution of a run stops, it
 * keeps what later steps need in the run's ledger and runs the built-in detectors and the
 * application's {@link FindingDetector}s on the live values; when the run stops (after
 * every step of it), the run-level ones. Each finding is an {@code agent.finding} event
 * on the span of the step it concerns (the run's span for the run's) and is counted in
 * the run's ledger, from which the run's span gets {@code agent.findings} and
 * {@code agent.finding.count}. A detector's failure is recorded and the others go on.
 * <p>
 * Internal: not part of agent-tracing's API.
 */
public final class DiagnosisStep implements OperationStep {

	private static final String FAILURE = "diagnosis";

	private final BuiltInDetectors builtIn;

	private final List<FindingDetector> detectors;

	private final ContentCapture capture;

	private final @Nullable Redactor redactor;

	private final TracingFailures failures;

	/**
	 * Create it.
	 * @param settings which built-in detectors are on
	 * @param detectors the application's detectors
	 * @param capture tells whether content is captured for an agent (findings then name values)
	 * @param redactor what the values in a finding's message go through, if content is captured
	 * @param failures where the detectors' failures go
	 */
	public DiagnosisStep(DiagnosisSettings settings, List<FindingDetector> detectors, ContentCapture capture,
			@Nullable Redactor redactor, TracingFailures failures) {
		this.builtIn = new BuiltInDetectors(settings);
		this.detectors = List.copyOf(detectors);
		this.capture = capture;
		this.redactor = redactor;
		this.failures = failures;
	}

	@Override
	public boolean supports(Observation.Context context) {
		return context instanceof ChatModelObservationContext || context instanceof ToolCallingObservationContext
				|| context instanceof AgentToolObservationContext || context instanceof AgentRunObservationContext;
	}

	@Override
	public void onStop(Observation.Context context, GenAiOperation operation) {
		if (context instanceof AgentRunObservationContext run) {
			runEnded(run, operation);
			return;
		}
		AgentRunObservationContext run = operation.run();
		if (run == null) {
			return;
		}
		List<Finding> findings = new ArrayList<>(0);
		AgentStep step = null;
		String tool = null;
		try {
			if (context instanceof ChatModelObservationContext chat) {
				step = new AgentStep(AgentStep.Kind.MODEL_CALL, modelOf(chat), run.getAgentName(), chat.getRequest(),
						chat.getResponse(), chat.getError());
				this.builtIn.modelCallStopped(step, run.ledger(), findings);
			}
			else if (context instanceof ToolCallingObservationContext call) {
				tool = call.getToolDefinition().name();
				step = new AgentStep(AgentStep.Kind.TOOL_EXECUTION, tool, run.getAgentName(),
						call.getToolCallArguments(), (call.getError() != null) ? null : call.getToolCallResult(),
						call.getError());
				toolStopped(step, run.ledger(), JsonValues.isEmptyText(call.getToolCallResult()), findings);
			}
			else if (context instanceof AgentToolObservationContext call) {
				tool = call.getToolName();
				step = new AgentStep(AgentStep.Kind.TOOL_EXECUTION, tool, run.getAgentName(), call.getArguments(),
						(call.getError() != null) ? null : call.getResult(), call.getError());
				toolStopped(step, run.ledger(), JsonValues.isEmptyObject(call.getResult()), findings);
			}
		}
		catch (Throwable ex) {
			this.failures.record(FAILURE, ex);
		}
		if (step != null) {
			for (FindingDetector detector : this.detectors) {
				try {
					findings.addAll(detector.onStep(step));
				}
				catch (Throwable ex) {
					this.failures.record("finding detector " + detector.getClass().getName(), ex);
				}
			}
		}
		record(findings, run, tool, operation);
	}

	private void toolStopped(AgentStep step, RunLedger ledger, boolean empty, List<Finding> findings) {
		if (step.failure() != null) {
			ledger.toolFailed(step.name());
		}
		else {
			String result = step.outputText();
			ledger.toolReturned(step.name(), (result != null) ? result : "");
		}
		int calls = ledger.countCall(step.name(), (step.input() != null) ? step.input() : "",
				DiagnosisStep::canonical);
		this.builtIn.toolStopped(step, empty, calls, findings);
	}

	private void runEnded(AgentRunObservationContext run, GenAiOperation operation) {
		List<Finding> findings = new ArrayList<>(0);
		try {
			this.builtIn.runEnded(run, findings);
		}
		catch (Throwable ex) {
			this.failures.record(FAILURE, ex);
		}
		if (!this.detectors.isEmpty()) {
			CurrentRun view = run.view();
			for (FindingDetector detector : this.detectors) {
				try {
					findings.addAll(detector.onRunEnd(view));
				}
				catch (Throwable ex) {
					this.failures.record("finding detector " + detector.getClass().getName(), ex);
				}
			}
		}
		record(findings, run, null, operation);
	}

	private void record(List<Finding> findings, AgentRunObservationContext run, @Nullable String tool,
			GenAiOperation operation) {
		if (findings.isEmpty()) {
			return;
		}
		try {
			boolean named = this.capture.enabledFor(run.getAgentName(), tool);
			for (Finding finding : findings) {
				run.ledger().finding(finding.kind());
				Map<String, Object> attributes = new LinkedHashMap<>();
				attributes.put(AgentAttributes.FINDING_KIND, finding.kind());
				attributes.put(AgentAttributes.FINDING_MESSAGE, message(finding, named));
				finding.measurements().forEach((key, value) -> attributes.put(AgentAttributes.FINDING_PREFIX + key,
						(value instanceof Integer number) ? Long.valueOf(number) : value));
				operation.event(AgentAttributes.FINDING_EVENT, attributes);
			}
		}
		catch (Throwable ex) {
			this.failures.record(FAILURE, ex);
		}
	}

	private String message(Finding finding, boolean named) {
		if (!named || finding.detail() == null || finding.detail().isBlank()) {
			return finding.message();
		}
		String message = finding.message() + ": " + finding.detail();
		return (this.redactor != null) ? this.redactor.redactText(message).value() : finding.message();
	}

	@SuppressWarnings("unchecked")
	private static String canonical(Object arguments) {
		return (arguments instanceof Map<?, ?> map) ? JsonValues.canonical((Map<String, ?>) map)
				: JsonValues.canonical(String.valueOf(arguments));
	}

	private static String modelOf(ChatModelObservationContext chat) {
		ChatOptions options = (chat.getRequest() != null) ? chat.getRequest().getOptions() : null;
		String model = (options != null) ? options.getModel() : null;
		return (model != null) ? model : "chat";
	}

}
