package io.portend.boot.startup;

import java.time.Duration;

import io.portend.boot.PortWatcher;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;

/**
 * The bean that holds start-up until every required target of the {@link PortWatcher} accepts
 * connections. The auto-configuration makes every {@code DataSource} and R2DBC
 * {@code ConnectionFactory} bean depend on it, and with them Flyway, Liquibase, JPA and
 * {@code JdbcTemplate}. A bean of your own that connects to a target at start-up waits too when
 * it depends on the barrier:
 *
 * <pre class="code">
 * &#64;Bean
 * &#64;DependsOn(PortendStartupBarrier.BEAN_NAME) // "portendStartupBarrier"
 * MyClient myClient() { ... }
 * </pre>
 *
 * <p>The wait itself starts earlier, as soon as the starter's beans are created, and runs
 * alongside the rest of start-up: the barrier is created lazily, by the first bean that
 * depends on it, and only holds start-up for what is left of the wait. Without such a bean,
 * start-up is held once every singleton is instantiated, before the application starts (web
 * server, runners).
 */
public final class PortendStartupBarrier implements InitializingBean {

	/** The name of the barrier bean, for {@code @DependsOn}. */
	public static final String BEAN_NAME = "portendStartupBarrier";

	private final PortendStartupWait wait;

	/**
	 * Creates the barrier of a start-up wait.
	 * @param wait the wait to join
	 */
	public PortendStartupBarrier(PortendStartupWait wait) {
		this.wait = wait;
	}

	/**
	 * Returns how long the required targets took to be all up, from the start of the wait.
	 * @return the time waited, or {@code null} if start-up did not wait
	 */
	public @Nullable Duration getWaitTime() {
		return this.wait.getWaitTime();
	}

	@Override
	public void afterPropertiesSet() {
		this.wait.join();
	}

}
