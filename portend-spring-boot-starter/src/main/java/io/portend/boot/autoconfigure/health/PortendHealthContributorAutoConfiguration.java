package io.portend.boot.autoconfigure.health;

import io.portend.boot.PortWatcher;
import io.portend.boot.autoconfigure.PortendAutoConfiguration;
import io.portend.boot.health.PortendHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} of the {@code portend} health indicator.
 */
@AutoConfiguration(after = PortendAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(PortWatcher.class)
@ConditionalOnEnabledHealthIndicator("portend")
public final class PortendHealthContributorAutoConfiguration {

	PortendHealthContributorAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(name = "portendHealthIndicator")
	PortendHealthIndicator portendHealthIndicator(PortWatcher watcher) {
		return new PortendHealthIndicator(watcher);
	}

}
