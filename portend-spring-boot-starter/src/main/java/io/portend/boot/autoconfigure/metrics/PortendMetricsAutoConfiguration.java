package io.portend.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.portend.boot.PortWatcher;
import io.portend.boot.autoconfigure.PortendAutoConfiguration;
import io.portend.boot.autoconfigure.PortendStartupBarrier;
import io.portend.boot.metrics.PortendMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} of portend's metrics, when Micrometer and a
 * {@link MeterRegistry} are present.
 */
@AutoConfiguration(after = PortendAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ PortWatcher.class, MeterRegistry.class })
public final class PortendMetricsAutoConfiguration {

	@Bean
	PortendMetrics portendMetrics(PortWatcher watcher, ObjectProvider<PortendStartupBarrier> barrier) {
		return new PortendMetrics(watcher, () -> {
			PortendStartupBarrier startupBarrier = barrier.getIfAvailable();
			return (startupBarrier != null) ? startupBarrier.getWaitTime() : null;
		});
	}

}
