package dev.agenttracing.semconv;

/**
 * The one place that names the version of the OpenTelemetry GenAI semantic conventions
 * this project follows. The conventions now live in
 * {@code open-telemetry/semantic-conventions-genai}; they have no release tag, so the
 * version is pinned by its schema URL and the commit it was read at.
 */
public final class SemconvVersion {

	/** Schema URL of the GenAI conventions followed. */
	public static final String SCHEMA_URL = "https://opentelemetry.io/schemas/gen-ai-dev/1.42.0-dev";

	/** The commit of {@code semantic-conventions-genai} main the attribute set was checked against. */
	public static final String COMMIT = "fe5608e249d64bc5961329a82f8915fe95ced51a";

	private SemconvVersion() {
	}

}
