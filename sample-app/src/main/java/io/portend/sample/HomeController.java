package io.portend.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Tells a visitor what to try next, with the URLs this very instance answers on.
 */
@RestController
class HomeController {

	@GetMapping("/")
	Map<String, String> home() {
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
		Map<String, String> links = new LinkedHashMap<>();
		links.put("greetings", base + "/greetings");
		links.put("addGreeting", "curl -H 'Content-Type: application/json' -d '{\"text\":\"hello\"}' " + base + "/greetings");
		links.put("health", base + "/actuator/health");
		links.put("readiness", base + "/actuator/health/readiness");
		links.put("liveness", base + "/actuator/health/liveness");
		return links;
	}

}
