package dev.agenttracing.sample.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * An offline embedding: hashed bag of words, normalised. Good enough to search a
 * handful of help-center articles without a model.
 */
public class HashingEmbeddingModel implements EmbeddingModel {

	private static final int DIMENSIONS = 256;

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
		for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
			if (word.length() > 2) {
				vector[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1f;
			}
		}
		double norm = 0;
		for (float value : vector) {
			norm += value * value;
		}
		if (norm > 0) {
			for (int i = 0; i < vector.length; i++) {
				vector[i] /= (float) Math.sqrt(norm);
			}
		}
		return vector;
	}

}
