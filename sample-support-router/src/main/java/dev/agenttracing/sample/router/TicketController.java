package dev.agenttracing.sample.router;

import java.util.UUID;

import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /tickets}: route one ticket; the answer carries the run id that finds its
 * trace.
 */
@RestController
class TicketController {

	private final SupportRouterAgent router;

	TicketController(SupportRouterAgent router) {
		this.router = router;
	}

	@PostMapping("/tickets")
	RouterAnswer route(@RequestBody TicketRequest request) {
		String id = StringUtils.hasText(request.id()) ? request.id()
				: "T-" + UUID.randomUUID().toString().substring(0, 8);
		return this.router.handle(new Ticket(id, request.customerId(), request.text()));
	}

	record TicketRequest(String id, String customerId, String text) {
	}

}
