package dev.agenttracing.sample.stdio;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import io.modelcontextprotocol.spec.McpSchema.Tool;

/**
 * A stand-alone MCP server over stdio, written on the MCP Java SDK alone (no Spring, no
 * agent-tracing): the test starts it as a child JVM, the way an MCP client starts any stdio
 * server. Its {@code echo} tool answers with the message and, as a second text content, the
 * {@code params._meta} it received, so the test can see what went over the pipe.
 */
public final class EchoStdioServer {

	private EchoStdioServer() {
	}

	public static void main(String[] args) throws InterruptedException {
		// stdout is the protocol's channel: anything else written there (a logger's console
		// output) would break the client's JSON-RPC reader, so it goes to stderr.
		PrintStream protocol = System.out;
		InputStream requests = System.in;
		System.setOut(System.err);

		McpJsonMapper json = McpJsonDefaults.getMapper();
		Tool echo = Tool.builder()
			.name("echo")
			.description("Echoes back the input")
			.inputSchema(json, """
					{"type":"object","properties":{"message":{"type":"string"}},"required":["message"]}""")
			.build();
		SyncToolSpecification echoTool = SyncToolSpecification.builder().tool(echo).callHandler((exchange, request) -> {
			Map<String, Object> meta = (request.meta() != null) ? request.meta() : Map.of();
			String metaJson;
			try {
				metaJson = json.writeValueAsString(meta);
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException(ex);
			}
			return CallToolResult.builder()
				.textContent(List.of("Echo: " + request.arguments().get("message"), "_meta: " + metaJson))
				.build();
		}).build();

		StdioServerTransportProvider transport = new StdioServerTransportProvider(json, requests, protocol);
		McpSyncServer server = McpServer.sync(transport)
			.serverInfo("echo-stdio-server", "1.0.0")
			.capabilities(ServerCapabilities.builder().tools(false).build())
			.tools(echoTool)
			.build();
		// The transport reads stdin on its own threads; the process lives until the client
		// stops it, or its parent (the test's JVM) is gone.
		Runtime.getRuntime().addShutdownHook(new Thread(server::closeGracefully));
		ProcessHandle.current().parent().ifPresent((parent) -> parent.onExit().thenRun(() -> System.exit(0)));
		new CountDownLatch(1).await();
	}

}
