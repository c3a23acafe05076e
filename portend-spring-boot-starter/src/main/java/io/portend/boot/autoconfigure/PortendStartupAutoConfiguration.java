package io.portend.boot.autoconfigure;

import io.portend.boot.PortWatcher;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * {@link AutoConfiguration Auto-configuration} of the {@link PortendStartupBarrier}, which holds
 * start-up until the required targets accept connections, and of the bean factory
 * post-processors that make the beans connecting to them wait for it.
 */
@AutoConfiguration(after = PortendAutoConfiguration.class)
@ConditionalOnBean(PortWatcher.class)
public final class PortendStartupAutoConfiguration {

	@Bean(PortendStartupBarrier.BEAN_NAME)
	PortendStartupBarrier portendStartupBarrier(PortWatcher watcher, PortendProperties properties) {
		return new PortendStartupBarrier(watcher, properties.getTimeout(), properties.isBlockStartup());
	}

	@Bean
	@ConditionalOnClass(name = "javax.sql.DataSource")
	static DependsOnPortendStartupBarrierPostProcessor dataSourceDependsOnPortendStartupBarrier() {
		return new DependsOnPortendStartupBarrierPostProcessor("javax.sql.DataSource");
	}

	@Bean
	@ConditionalOnClass(name = "io.r2dbc.spi.ConnectionFactory")
	static DependsOnPortendStartupBarrierPostProcessor connectionFactoryDependsOnPortendStartupBarrier() {
		return new DependsOnPortendStartupBarrierPostProcessor("io.r2dbc.spi.ConnectionFactory");
	}

}
