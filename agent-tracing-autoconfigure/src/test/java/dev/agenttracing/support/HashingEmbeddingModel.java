package dev.agenttracing.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * A deterministic bag-of-words embedding (hashed words), enough for a small offline
 * vector store in tests.
 */
public class HashingEmbeddingModel implements EmbeddingModel {

	private static final int DIMENSIONS = 64;

	@Override
	public EmbeddingResponse call(EmbeddingRequest request) {
		List<Embedding> embeddings = new ArrayList<>();
		List<String> texts = request.getInstructions();
		for (int i = 0; i < texts.size(); i++) {
			embeddings.add(new Embedding(vector(texts.get(i)), i));
		}
		return new EmbeddingResponse(embeddings);
	}

	@Override
	public float[] embed(Document document) {
		return vector(document.getText());
	}

	@Override
	public int dimensions() {
		return DIMENSIONS;
	}

	private static float[] vector(String text) {
		float[] vector = new float[DIMENSIONS];
		for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
			if (!word.isBlank()) {
				vector[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1f;
			}
		}
		return vector;
	}

}
