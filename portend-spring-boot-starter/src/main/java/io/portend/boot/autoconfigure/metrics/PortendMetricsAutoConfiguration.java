package io.portend.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.portend.boot.PortWatcher;
import io.portend.boot.autoconfigure.PortendAutoConfiguration;
import io.portend.boot.metrics.PortendMetrics;
import io.portend.boot.metrics.StartupWaitObservation;
import io.portend.boot.startup.PortendStartupWait;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link AutoConfiguration Auto-configuration} of portend's metrics, when Micrometer and a
 * {@link MeterRegistry} are present, and of the observation of the start-up wait, when an
 * {@link ObservationRegistry} is.
 */
@AutoConfiguration(after = PortendAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnBean(PortWatcher.class)
public final class PortendMetricsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetersConfiguration {

		@Bean
		PortendMetrics portendMetrics(PortWatcher watcher, ObjectProvider<PortendStartupWait> startupWait) {
			return new PortendMetrics(watcher, startupWait.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	@ConditionalOnBean(ObservationRegistry.class)
	static class ObservationConfiguration {

		@Bean
		StartupWaitObservation portendStartupWaitObservation(ObservationRegistry registry) {
			return new StartupWaitObservation(registry);
		}

	}

}
