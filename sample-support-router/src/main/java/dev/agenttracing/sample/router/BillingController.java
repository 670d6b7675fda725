package dev.agenttracing.sample.router;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The billing specialist's HTTP endpoint.
 */
@RestController
class BillingController {

	private final BillingSpecialistAgent agent;

	BillingController(BillingSpecialistAgent agent) {
		this.agent = agent;
	}

	@PostMapping("/agents/billing")
	BillingAnswer answer(@RequestBody BillingQuestion question) {
		return new BillingAnswer(this.agent.answer(question.question()));
	}

	record BillingQuestion(String question) {
	}

	record BillingAnswer(String answer) {
	}

}
