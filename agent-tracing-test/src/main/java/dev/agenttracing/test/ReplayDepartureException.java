package dev.agenttracing.test;

/**
 * Thrown by a {@link ReplayChatModel}'s model call when the replayed run departs from its
 * recording and the replay was not told to continue ({@link ReplayChatModel#onDeparture}):
 * the agent's call fails with it, and its message says which call departed, what was
 * recorded and what came now.
 */
public class ReplayDepartureException extends RuntimeException {

	private final transient ReplayDeparture departure;

	/**
	 * An exception for a departure.
	 * @param departure the departure
	 */
	public ReplayDepartureException(ReplayDeparture departure) {
		super(departure.message());
		this.departure = departure;
	}

	/**
	 * Where and how the run departed.
	 * @return the departure
	 */
	public ReplayDeparture departure() {
		return this.departure;
	}

}
