package io.portend.boot.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portend.Checker;
import io.portend.boot.PortTarget;
import io.portend.boot.PortWatcher;
import io.portend.boot.startup.PortendStartupBarrier;
import io.portend.boot.startup.PortendStartupWait;
import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests for {@link PortendMetrics}.
 */
class PortendMetricsTests {

	@AutoClose
	private final Listeners listeners = new Listeners();

	@Test
	void bindingWhileStartUpWaitsNeitherWaitsNorInventsAValue() throws Exception {
		try (Listener database = this.listeners.notListening();
				PortWatcher watcher = new PortWatcher(new Checker(),
						List.of(PortTarget.of("database", database.target())))) {
			PortendStartupWait wait = new PortendStartupWait(watcher, Duration.ofMinutes(1), true,
					Duration.ofSeconds(5), List.of());
			wait.afterPropertiesSet();
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			// A bound for a hang only: binding reads values that are there, it never joins the wait.
			assertTimeoutPreemptively(Duration.ofSeconds(30), () -> new PortendMetrics(watcher, wait).bindTo(registry));
			assertThat(registry.get("portend.startup.wait").timeGauge().value(TimeUnit.NANOSECONDS)).isNaN();
			assertThat(registry.get("portend.target.occupied").gauge().value()).isZero();

			database.start();
			new PortendStartupBarrier(wait).afterPropertiesSet();
			assertThat(registry.get("portend.startup.wait").timeGauge().value(TimeUnit.NANOSECONDS))
				.isCloseTo(wait.getWaitTime().toNanos(), within(1.0));
			assertThat(registry.get("portend.target.occupied").gauge().value()).isOne();
		}
	}

	@Test
	void withoutAStartUpWaitThereIsNoStartUpGauge() throws Exception {
		try (Listener database = this.listeners.closingAtOnce();
				PortWatcher watcher = new PortWatcher(new Checker(),
						List.of(PortTarget.of("database", database.target())))) {
			PortendStartupWait wait = new PortendStartupWait(watcher, Duration.ofMinutes(1), false,
					Duration.ofSeconds(5), List.of());
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			new PortendMetrics(watcher, wait).bindTo(registry);
			assertThat(registry.find("portend.startup.wait").timeGauge()).isNull();
		}
	}

}
