package io.portend.boot.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.portend.HostResolver;
import io.portend.boot.PortState;
import io.portend.boot.PortWatcher;
import io.portend.boot.ThreadCheck;
import io.portend.boot.autoconfigure.health.PortendHealthContributorAutoConfiguration;
import io.portend.boot.health.PortendHealthIndicator;
import io.portend.boot.monitoring.PortStateChangedEvent;
import io.portend.boot.monitoring.PortendMonitor;
import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for monitoring the targets after start-up, and for readiness gating, against a real
 * listener that is stopped and started.
 */
class PortendMonitoringTests {

	@AutoClose
	private final Listeners listeners = new Listeners();

	private final BlockingQueue<PortStateChangedEvent> changes = new LinkedBlockingQueue<>();

	private final BlockingQueue<AvailabilityChangeEvent<?>> availability = new LinkedBlockingQueue<>();

	private final AtomicInteger resolutions = new AtomicInteger();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final Listener database = this.listeners.closingAtOnce();

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.database.close();
		assertThat(ThreadCheck.portendThreads()).isEmpty();
	}

	@Test
	void monitoringIsOffByDefault() {
		ConfigurableApplicationContext context = run();
		assertThat(context.getBeansOfType(PortendMonitor.class)).isEmpty();
		assertThat(context.getBean(PortWatcher.class).isMonitoring()).isFalse();
	}

	@Test
	void readinessGatingMonitorsEvenWithoutAnInterval() {
		ConfigurableApplicationContext context = run("portend.readiness.enabled=true");
		assertThat(context.getBean(PortWatcher.class).isMonitoring()).isTrue();
	}

	@Test
	void stateChangesArriveInOrder() throws InterruptedException {
		ConfigurableApplicationContext context = run("portend.monitor.interval=20ms");
		assertThat(context.getBean(PortWatcher.class).isMonitoring()).isTrue();
		List<PortStateChangedEvent> seen = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			this.database.stop();
			seen.add(next(this.changes));
			this.database.start();
			seen.add(next(this.changes));
		}
		assertThat(seen).extracting(PortStateChangedEvent::state)
			.containsExactly(PortState.FREE, PortState.OCCUPIED, PortState.FREE, PortState.OCCUPIED, PortState.FREE,
					PortState.OCCUPIED);
		for (int i = 1; i < seen.size(); i++) {
			assertThat(seen.get(i).previousState()).isEqualTo(seen.get(i - 1).state());
			assertThat(seen.get(i).time()).isAfterOrEqualTo(seen.get(i - 1).time());
		}
		assertThat(seen).allSatisfy((event) -> assertThat(event.target().name()).isEqualTo("database"));
	}

	@Test
	void readinessIsRefusedAfterTheGracePeriodAndAcceptedWhenBack() throws InterruptedException {
		Duration grace = Duration.ofMillis(300);
		ConfigurableApplicationContext context = run("portend.monitor.interval=20ms",
				"portend.readiness.enabled=true", "portend.readiness.grace-period=300ms");
		ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
		assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		this.availability.clear();
		this.database.stop();
		PortStateChangedEvent down = next(this.changes);
		AvailabilityChangeEvent<?> refused = next(this.availability);
		assertThat(refused.getState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
		assertThat(Instant.ofEpochMilli(refused.getTimestamp())).isAfterOrEqualTo(down.time().plus(grace).truncatedTo(ChronoUnit.MILLIS));
		// The test's listener may hear the event before ApplicationAvailabilityBean does.
		await().atMost(Duration.ofSeconds(30))
			.until(availability::getReadinessState, (state) -> state == ReadinessState.REFUSING_TRAFFIC);
		assertThat(availability.getLivenessState()).isEqualTo(LivenessState.CORRECT);
		this.database.start();
		AvailabilityChangeEvent<?> accepted = next(this.availability);
		assertThat(accepted.getState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		await().atMost(Duration.ofSeconds(30))
			.until(availability::getReadinessState, (state) -> state == ReadinessState.ACCEPTING_TRAFFIC);
		assertThat(this.availability).isEmpty();
	}

	@Test
	void readinessIsKeptWithinTheGracePeriod() throws InterruptedException {
		assertReadinessKeptWhileDown("portend.readiness.enabled=true", "portend.readiness.grace-period=1h");
	}

	@Test
	void nothingFlipsWhenReadinessGatingIsOff() throws InterruptedException {
		assertReadinessKeptWhileDown("portend.readiness.grace-period=0s");
	}

	private void assertReadinessKeptWhileDown(String... properties) throws InterruptedException {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("portend.monitor.interval=20ms");
		ConfigurableApplicationContext context = run(all.toArray(String[]::new));
		this.availability.clear();
		this.database.stop();
		PortStateChangedEvent down = next(this.changes);
		awaitRoundsAfter(context, down.time().plusMillis(300));
		assertThat(this.availability).isEmpty();
		assertThat(context.getBean(ApplicationAvailability.class).getReadinessState())
			.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void healthReadsTheMonitoredStateWithoutConnecting() {
		ConfigurableApplicationContext context = run("portend.monitor.interval=1h");
		PortWatcher watcher = context.getBean(PortWatcher.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.resolutions.get() >= 2);
		int afterMonitoringRound = this.resolutions.get();
		PortendHealthIndicator health = context.getBean(PortendHealthIndicator.class);
		for (int i = 0; i < 20; i++) {
			assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
		}
		assertThat(this.resolutions).hasValue(afterMonitoringRound);
		assertThat(watcher.status("database").occupied()).isTrue();
	}

	/**
	 * Waits until the monitor has checked the target after the given time: rounds did run past it.
	 */
	private static void awaitRoundsAfter(ConfigurableApplicationContext context, Instant time) {
		PortWatcher watcher = context.getBean(PortWatcher.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> watcher.status("database").checkedAt().isAfter(time));
	}

	private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
		T next = queue.poll(30, TimeUnit.SECONDS);
		assertThat(next).as("event within 30 s").isNotNull();
		return next;
	}

	private ConfigurableApplicationContext run(String... properties) {
		HostResolver resolver = (host) -> {
			this.resolutions.incrementAndGet();
			return List.of(InetAddress.getByName(host));
		};
		SpringApplication application = new SpringApplication(MonitoringApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		Map<String, Object> defaults = new HashMap<>();
		defaults.put("portend.wait-for.database", this.database.toString());
		for (String property : properties) {
			String[] nameAndValue = property.split("=", 2);
			defaults.put(nameAndValue[0], nameAndValue[1]);
		}
		application.setDefaultProperties(defaults);
		application.addInitializers((context) -> {
			context.getBeanFactory().registerSingleton("testResolver", resolver);
			context.addApplicationListener((ApplicationListener<PortStateChangedEvent>) this.changes::add);
			context.addApplicationListener(
					(ApplicationListener<AvailabilityChangeEvent<?>>) this.availability::add);
		});
		ConfigurableApplicationContext context = application.run();
		this.contexts.add(context);
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ApplicationAvailabilityAutoConfiguration.class, PortendAutoConfiguration.class,
			PortendStartupAutoConfiguration.class, PortendMonitoringAutoConfiguration.class,
			PortendHealthContributorAutoConfiguration.class })
	static class MonitoringApplication {

	}

}
