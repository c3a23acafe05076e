package io.portend.boot.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for portend's health indicator and metrics through the actuator of a running web
 * application, over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,metrics",
				"management.endpoint.health.show-details=always" })
@DirtiesContext
class PortendActuatorTests {

	@AutoClose
	private static final Listeners listeners = new Listeners();

	private static final Listener database = listeners.closingAtOnce();

	private static final Listener cache = listeners.notListening();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void targets(DynamicPropertyRegistry registry) {
		registry.add("portend.wait-for.database", database::toString);
		registry.add("portend.wait-for.cache.address", cache::toString);
		registry.add("portend.wait-for.cache.required", () -> "false");
	}

	@Test
	void healthAndMetricsReportTheTargets() throws Exception {
		HttpResponse<String> health = get("/actuator/health/portend");
		System.out.println("GET /actuator/health/portend -> " + health.statusCode() + " " + health.body());
		assertThat(health.statusCode()).isEqualTo(200);
		String body = health.body();
		assertThat(JsonPath.<String>read(body, "$.status")).isEqualTo("UP");
		assertThat(JsonPath.<String>read(body, "$.details.database.address")).isEqualTo(database.toString());
		assertThat(JsonPath.<String>read(body, "$.details.database.state")).isEqualTo("OCCUPIED");
		assertThat(JsonPath.<String>read(body, "$.details.database.since")).isNotBlank();
		assertThat(JsonPath.<String>read(body, "$.details.database.latency")).startsWith("PT");
		assertThat(JsonPath.<String>read(body, "$.details.cache.state")).isEqualTo("FREE");
		assertThat(JsonPath.<Boolean>read(body, "$.details.cache.required")).isFalse();
		assertThat(JsonPath.<String>read(body, "$.details.cache.error")).contains("connection refused");

		String occupied = get("/actuator/metrics/portend.target.occupied?tag=target:database").body();
		assertThat(JsonPath.<Double>read(occupied, "$.measurements[0].value")).isEqualTo(1.0);
		String wait = get("/actuator/metrics/portend.startup.wait").body();
		assertThat(JsonPath.<String>read(wait, "$.baseUnit")).isEqualTo("seconds");
		assertThat(JsonPath.<List<Double>>read(wait, "$.measurements[?(@.statistic == 'VALUE')].value")).singleElement()
			.satisfies((seconds) -> assertThat(seconds).isGreaterThanOrEqualTo(0.0).isLessThan(30.0));

		database.stop();
		try {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				HttpResponse<String> down = get("/actuator/health");
				assertThat(down.statusCode()).isEqualTo(503);
				assertThat(JsonPath.<String>read(down.body(), "$.components.portend.details.database.error"))
					.contains("connection refused");
			});
			String notOccupied = get("/actuator/metrics/portend.target.occupied?tag=target:database").body();
			assertThat(JsonPath.<Double>read(notOccupied, "$.measurements[0].value")).isEqualTo(0.0);
		}
		finally {
			database.start();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health").statusCode() == 200);
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class WebApplication {

	}

}
