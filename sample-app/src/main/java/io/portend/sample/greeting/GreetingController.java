package io.portend.sample.greeting;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code POST /greetings} stores a greeting, {@code GET /greetings} lists them all and
 * {@code GET /greetings/{id}} reads one.
 */
@RestController
@RequestMapping("/greetings")
class GreetingController {

	/** The width of the {@code text} column. */
	private static final int MAX_LENGTH = 280;

	private final GreetingRepository greetings;

	GreetingController(GreetingRepository greetings) {
		this.greetings = greetings;
	}

	@GetMapping
	List<Greeting> list() {
		return this.greetings.findAll();
	}

	@GetMapping("/{id}")
	Greeting get(@PathVariable long id) {
		return this.greetings.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No greeting with id " + id));
	}

	@PostMapping
	ResponseEntity<Greeting> add(@RequestBody NewGreeting greeting) {
		String text = greeting.text();
		if (text == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'text' is missing: send {\"text\": \"...\"}");
		}
		if (text.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'text' must not be blank, got '" + text + "'");
		}
		if (text.length() > MAX_LENGTH) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"'text' must be at most " + MAX_LENGTH + " characters, got " + text.length());
		}
		Greeting added = this.greetings.add(text);
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").build(added.id());
		return ResponseEntity.created(location).body(added);
	}

	/**
	 * The body of {@code POST /greetings}.
	 *
	 * @param text what the greeting says
	 */
	record NewGreeting(String text) {

	}

}
