package dev.agenttracing.semconv;

/**
 * The one place that names the version of the OpenTelemetry GenAI semantic conventions
 * this project follows: {@code open-telemetry/semantic-conventions-genai} v0.1.0, the
 * conventions' first standalone release (built on semantic-conventions v1.45.0; every
 * GenAI attribute still at stability Development). What v0.1.0 changed, and what the
 * spans here therefore do: {@code gen_ai.usage.cache_creation.input_tokens} is now
 * {@code gen_ai.usage.cache_write.input_tokens}; {@code gen_ai.request.top_k} is an int
 * and retrieval spans use {@code gen_ai.retrieval.top_k}; {@code invoke_workflow} is
 * folded into {@code invoke_agent} (this project emits no workflow span: a run is an
 * {@code invoke_agent} span); {@code gen_ai.agent.id} is off internal agent spans (never
 * written here).
 */
public final class SemconvVersion {

	/** The release of {@code semantic-conventions-genai} followed. */
	public static final String RELEASE = "v0.1.0";

	/**
	 * Schema URL of the GenAI conventions followed, in the form of the repository's
	 * {@code model/manifest.yaml} ({@code https://opentelemetry.io/schemas/gen-ai/<version>}).
	 */
	public static final String SCHEMA_URL = "https://opentelemetry.io/schemas/gen-ai/0.1.0";

	private SemconvVersion() {
	}

}
