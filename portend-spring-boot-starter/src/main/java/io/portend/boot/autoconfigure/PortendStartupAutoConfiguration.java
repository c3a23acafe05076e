package io.portend.boot.autoconfigure;

import io.portend.boot.PortWatcher;
import io.portend.boot.startup.DependsOnPortendStartupBarrierPostProcessor;
import io.portend.boot.startup.PortendStartupBarrier;
import io.portend.boot.startup.PortendStartupWait;
import io.portend.boot.startup.StartupWaitListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * {@link AutoConfiguration Auto-configuration} of start-up waiting: the wait for the required
 * targets, which starts as soon as this configuration's beans are created; the
 * {@link PortendStartupBarrier}, which holds start-up until the targets accept connections; and
 * the bean factory post-processors that make the beans connecting to them wait for it.
 */
@AutoConfiguration(after = PortendAutoConfiguration.class)
@ConditionalOnBean(PortWatcher.class)
public final class PortendStartupAutoConfiguration {

	@Bean
	PortendStartupWait portendStartupWait(PortWatcher watcher, PortendProperties properties,
			ObjectProvider<StartupWaitListener> listeners) {
		return new PortendStartupWait(watcher, properties.getTimeout(), properties.isBlockStartup(),
				properties.getProgressInterval(), listeners.orderedStream().toList());
	}

	@Bean(PortendStartupBarrier.BEAN_NAME)
	@Lazy
	PortendStartupBarrier portendStartupBarrier(PortendStartupWait wait) {
		return new PortendStartupBarrier(wait);
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
