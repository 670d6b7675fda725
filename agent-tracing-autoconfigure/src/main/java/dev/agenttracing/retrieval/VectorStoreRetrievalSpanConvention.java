package dev.agenttracing.retrieval;

import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.agenttracing.capture.ContentCapture;
import dev.agenttracing.run.AgentRunObservationContext;
import dev.agenttracing.run.RunLocator;
import dev.agenttracing.semconv.AgentAttributes;
import dev.agenttracing.semconv.GenAiAttributes;
import dev.agenttracing.semconv.GenAiOperations;
import dev.agenttracing.trace.GenAiSpanConvention;
import dev.agenttracing.trace.SpanAttributes;

import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;
import org.springframework.util.StringUtils;

/**
 * A Spring AI vector store query as a GenAI {@code retrieval {data source}} CLIENT span,
 * in place of Spring AI's {@code db.vector.client.operation} span, which also puts the
 * query text on the span by default: here the query is content, and content is not
 * captured unless asked for. Writes and deletes are left to Spring AI's span.
 */
public final class VectorStoreRetrievalSpanConvention implements GenAiSpanConvention<VectorStoreObservationContext> {

	private final @Nullable String dataSourceId;

	private final RunLocator runs;

	private final ContentCapture capture;

	/**
	 * Create the convention.
	 * @param dataSourceId the data source id to report, {@code null} to use the
	 * store's collection name (or its database system when it has none)
	 * @param runs finds the run of an observation
	 * @param capture what content is captured, and how
	 */
	public VectorStoreRetrievalSpanConvention(@Nullable String dataSourceId, RunLocator runs,
			ContentCapture capture) {
		this.dataSourceId = StringUtils.hasText(dataSourceId) ? dataSourceId : null;
		this.runs = runs;
		this.capture = capture;
	}

	@Override
	public Class<VectorStoreObservationContext> contextType() {
		return VectorStoreObservationContext.class;
	}

	@Override
	public boolean supports(Observation.Context context) {
		return context instanceof VectorStoreObservationContext store
				&& VectorStoreObservationContext.Operation.QUERY.value.equals(store.getOperationName());
	}

	@Override
	public Span.Kind spanKind(VectorStoreObservationContext context) {
		return Span.Kind.CLIENT;
	}

	@Override
	public String spanName(VectorStoreObservationContext context) {
		return GenAiOperations.RETRIEVAL + " " + dataSourceId(context);
	}

	@Override
	public void onStart(VectorStoreObservationContext context, SpanAttributes attributes) {
		attributes.put(GenAiAttributes.OPERATION_NAME, GenAiOperations.RETRIEVAL)
			.put(GenAiAttributes.DATA_SOURCE_ID, dataSourceId(context))
			.put(GenAiAttributes.DB_SYSTEM_NAME, context.getDatabaseSystem())
			.put(GenAiAttributes.DB_COLLECTION_NAME, context.getCollectionName());
		SearchRequest request = context.getQueryRequest();
		if (request != null) {
			attributes.put(GenAiAttributes.RETRIEVAL_TOP_K, (long) request.getTopK());
		}
	}

	@Override
	public void onStop(VectorStoreObservationContext context, SpanAttributes attributes) {
		List<Document> documents = context.getQueryResponse();
		if (documents != null) {
			attributes.put(AgentAttributes.RETRIEVAL_DOCUMENT_COUNT, (long) documents.size());
		}
		String agent = this.runs.runOf(context).map(AgentRunObservationContext::getAgentName).orElse(null);
		if (this.capture.enabledFor(agent, null)) {
			SearchRequest request = context.getQueryRequest();
			this.capture.content(attributes.traceId(), spanName(context), false)
				.text(GenAiAttributes.RETRIEVAL_QUERY_TEXT, (request != null) ? request.getQuery() : null)
				.json(GenAiAttributes.RETRIEVAL_DOCUMENTS, (documents != null) ? documentsJson(documents) : null)
				.writeTo(attributes);
		}
	}

	private static ArrayNode documentsJson(List<Document> documents) {
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		for (Document document : documents) {
			ObjectNode node = array.addObject();
			node.put("id", document.getId());
			if (document.getScore() != null) {
				node.put("score", document.getScore());
			}
			node.put("content", document.getText());
		}
		return array;
	}

	@Override
	public boolean copiesKeyValue(String key) {
		return !(key.startsWith("db.") || key.startsWith("spring.ai."));
	}

	private String dataSourceId(VectorStoreObservationContext context) {
		if (this.dataSourceId != null) {
			return this.dataSourceId;
		}
		return StringUtils.hasText(context.getCollectionName()) ? context.getCollectionName()
				: context.getDatabaseSystem();
	}

}
