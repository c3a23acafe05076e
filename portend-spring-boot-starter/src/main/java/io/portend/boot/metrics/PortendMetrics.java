package io.portend.boot.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.portend.boot.PortTarget;
import io.portend.boot.PortWatcher;
import io.portend.boot.startup.PortendStartupWait;
import org.jspecify.annotations.Nullable;

/**
 * Binds the metrics of a {@link PortWatcher}: a gauge {@code portend.target.occupied} per target
 * (tag {@code target}; 1 when the last check found it occupied, else 0), and, when start-up
 * waits, a time gauge {@code portend.startup.wait} with the time the required targets took to
 * come up, like Spring Boot's own {@code application.started.time} (no value while start-up
 * still waits). Every gauge reads a value that is already there: none connects, and none waits
 * for start-up. The target gauges follow the targets' state as monitoring, health requests or
 * {@link PortWatcher#check(String)} see it.
 */
public class PortendMetrics implements MeterBinder {

	private final PortWatcher watcher;

	private final @Nullable PortendStartupWait startupWait;

	/**
	 * Creates a binder.
	 * @param watcher the watcher whose targets to report
	 * @param startupWait the start-up wait whose time to report, or {@code null} if there is none
	 */
	public PortendMetrics(PortWatcher watcher, @Nullable PortendStartupWait startupWait) {
		this.watcher = watcher;
		this.startupWait = startupWait;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (PortTarget target : this.watcher.targets()) {
			Gauge.builder("portend.target.occupied", this.watcher,
					(watcher) -> watcher.status(target.name()).occupied() ? 1 : 0)
				.tag("target", target.name())
				.description("Whether the target accepted connections when last checked (1) or not (0)")
				.register(registry);
		}
		if (this.startupWait != null && this.startupWait.blocksStartup()) {
			TimeGauge.builder("portend.startup.wait", this.startupWait, TimeUnit.NANOSECONDS, PortendMetrics::waitNanos)
				.description("Time the required targets took to come up at start-up")
				.register(registry);
		}
	}

	private static double waitNanos(PortendStartupWait wait) {
		Duration waited = wait.getWaitTime();
		return (waited != null) ? waited.toNanos() : Double.NaN;
	}

}
