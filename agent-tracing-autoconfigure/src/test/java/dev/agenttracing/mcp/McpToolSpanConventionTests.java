package dev.agenttracing.mcp;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import dev.agenttracing.capture.ContentCapture;
import dev.agenttracing.run.RunLocator;
import dev.agenttracing.tool.SpringAiToolSpanConvention;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code error.type} of an MCP tool call follows the MCP conventions; other tools keep
 * the class name of their failure.
 */
class McpToolSpanConventionTests {

	private final McpToolSpanConvention convention = new McpToolSpanConvention(
			new SpringAiToolSpanConvention(new RunLocator(() -> ObservationRegistry.NOOP), ContentCapture.off()));

	@Test
	void anErrorResultIsAToolError() {
		ToolCallingObservationContext context = mcpCall();
		// What Spring AI's MCP tool callback throws for CallToolResult.isError=true.
		IllegalStateException error = new IllegalStateException("Error calling tool: [TextContent[text=boom]]");

		assertThat(this.convention.errorType(context, error)).isEqualTo("tool_error");
	}

	@Test
	void aJsonRpcErrorIsItsCode() {
		ToolCallingObservationContext context = mcpCall();
		McpError error = McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message("bad arguments").build();

		assertThat(this.convention.errorType(context, error)).isEqualTo("-32602");
	}

	@Test
	void aToolThatIsNotMcpKeepsTheClassNameOfItsFailure() {
		ToolCallingObservationContext context = call();
		IllegalStateException error = new IllegalStateException("Error calling tool: not an MCP tool");

		assertThat(this.convention.errorType(context, error)).isEqualTo(IllegalStateException.class.getName());
	}

	private static ToolCallingObservationContext mcpCall() {
		ToolCallingObservationContext context = call();
		context.put(McpToolCall.class, new McpToolCall(McpAttributes.TOOLS_CALL, McpAttributes.TRANSPORT_TCP));
		return context;
	}

	private static ToolCallingObservationContext call() {
		return ToolCallingObservationContext.builder()
			.toolDefinition(DefaultToolDefinition.builder().name("orderStatus").description("d").inputSchema("{}").build())
			.toolCallArguments("{}")
			.build();
	}

}
