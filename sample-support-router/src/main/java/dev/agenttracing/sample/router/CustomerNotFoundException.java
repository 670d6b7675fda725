package dev.agenttracing.sample.router;

/**
 * No customer with that id.
 */
public class CustomerNotFoundException extends RuntimeException {

	public CustomerNotFoundException(String customerId) {
		super("Customer " + customerId + " not found");
	}

}
