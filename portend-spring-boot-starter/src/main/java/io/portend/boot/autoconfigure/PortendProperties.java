package io.portend.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.portend.HostPort;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for portend: the TCP ports that start-up waits for and health
 * reports on. Free of logic: values are checked as they are bound, and a key that is not one of
 * these fails start-up.
 *
 * <pre class="code">
 * portend:
 *   timeout: 60s
 *   wait-for:
 *     database: localhost:5432        # short form: name, then host:port
 *     cache:                          # long form
 *       address: localhost:6379
 *       timeout: 10s
 *       required: false
 * </pre>
 */
@ConfigurationProperties(prefix = "portend", ignoreUnknownFields = false)
public class PortendProperties {

	/**
	 * Whether to watch the targets in portend.wait-for at all.
	 */
	private boolean enabled = true;

	/**
	 * Whether start-up waits until every required target accepts connections, before it
	 * creates the beans that connect to them (DataSource, R2DBC ConnectionFactory, and through
	 * them Flyway, Liquibase, JPA, JdbcTemplate).
	 */
	private boolean blockStartup = true;

	/**
	 * How long start-up waits for all required targets together.
	 */
	private Duration timeout = Duration.ofSeconds(60);

	/**
	 * How long one connection attempt may take before the target counts as not reachable.
	 */
	private Duration connectTimeout = Duration.ofSeconds(1);

	/**
	 * Time between the starts of two rounds of connection attempts at the start of a wait. It
	 * grows to 0.5% of the time waited so far, up to 100ms.
	 */
	private Duration pollInterval = Duration.ofMillis(4);

	/**
	 * How often the log lists the targets that start-up still waits for.
	 */
	private Duration progressInterval = Duration.ofSeconds(5);

	/**
	 * Targets to wait for and watch, by name: either host:port, or a target with address,
	 * timeout and required.
	 */
	private final Map<String, Target> waitFor = new LinkedHashMap<>();

	/**
	 * Whether to wait for the servers the application connects to too, as targets named after
	 * their source: where its ConnectionDetails beans say (Docker Compose, Testcontainers'
	 * service connections), else where its Spring Boot connection settings say
	 * (spring.datasource.url, spring.r2dbc.url, spring.data.redis.*, spring.rabbitmq.*,
	 * spring.kafka.bootstrap-servers, spring.mongodb.*, spring.elasticsearch.uris,
	 * spring.cassandra.*). An entry of portend.wait-for with the same name or address takes the
	 * place of a discovered target; one without an address takes the discovered address.
	 */
	private boolean discover;

	/**
	 * Sources of discovered targets to leave out: datasource, r2dbc, redis, rabbitmq, kafka,
	 * mongodb, elasticsearch or cassandra.
	 */
	private Set<String> discoverExclude = new LinkedHashSet<>();

	private final Monitor monitor = new Monitor();

	private final Readiness readiness = new Readiness();

	/**
	 * Returns {@code portend.enabled}.
	 * @return the value
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Sets {@code portend.enabled}.
	 * @param enabled the value
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns {@code portend.block-startup}.
	 * @return the value
	 */
	public boolean isBlockStartup() {
		return this.blockStartup;
	}

	/**
	 * Sets {@code portend.block-startup}.
	 * @param blockStartup the value
	 */
	public void setBlockStartup(boolean blockStartup) {
		this.blockStartup = blockStartup;
	}

	/**
	 * Returns {@code portend.timeout}.
	 * @return the value
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Sets {@code portend.timeout}.
	 * @param timeout the value
	 */
	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Returns {@code portend.connect-timeout}.
	 * @return the value
	 */
	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Sets {@code portend.connect-timeout}.
	 * @param connectTimeout the value
	 */
	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	/**
	 * Returns {@code portend.poll-interval}.
	 * @return the value
	 */
	public Duration getPollInterval() {
		return this.pollInterval;
	}

	/**
	 * Sets {@code portend.poll-interval}.
	 * @param pollInterval the value
	 */
	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	/**
	 * Returns {@code portend.progress-interval}.
	 * @return the value
	 */
	public Duration getProgressInterval() {
		return this.progressInterval;
	}

	/**
	 * Sets {@code portend.progress-interval}.
	 * @param progressInterval the value
	 */
	public void setProgressInterval(Duration progressInterval) {
		this.progressInterval = progressInterval;
	}

	/**
	 * Returns {@code portend.wait-for}.
	 * @return the value
	 */
	public Map<String, Target> getWaitFor() {
		return this.waitFor;
	}

	/**
	 * Returns {@code portend.discover}.
	 * @return the value
	 */
	public boolean isDiscover() {
		return this.discover;
	}

	/**
	 * Sets {@code portend.discover}.
	 * @param discover the value
	 */
	public void setDiscover(boolean discover) {
		this.discover = discover;
	}

	/**
	 * Returns {@code portend.discover-exclude}.
	 * @return the value
	 */
	public Set<String> getDiscoverExclude() {
		return this.discoverExclude;
	}

	/**
	 * Sets {@code portend.discover-exclude}.
	 * @param discoverExclude the value
	 */
	public void setDiscoverExclude(Set<String> discoverExclude) {
		this.discoverExclude = discoverExclude;
	}

	/**
	 * Returns {@code portend.monitor}.
	 * @return the value
	 */
	public Monitor getMonitor() {
		return this.monitor;
	}

	/**
	 * Returns {@code portend.readiness}.
	 * @return the value
	 */
	public Readiness getReadiness() {
		return this.readiness;
	}

	/**
	 * A target to wait for: a host and port, with an optional timeout of its own.
	 */
	public static class Target {

		/**
		 * Host and port to connect to, such as localhost:5432 or [::1]:5432.
		 */
		private @Nullable HostPort address;

		/**
		 * How long start-up waits for this target at most, within portend.timeout.
		 */
		private @Nullable Duration timeout;

		/**
		 * Whether start-up fails when this target is not reachable in time, and health is down
		 * while it is not reachable. An optional target is only reported.
		 */
		private boolean required = true;

		/**
		 * Creates a target of the long form, without an address yet.
		 */
		public Target() {
		}

		/**
		 * Returns the target of the short form, {@code portend.wait-for.<name>=host:port}: the
		 * conversion service binds text to a target with this method.
		 * @param address host and port, such as {@code localhost:5432}
		 * @return a required target with that address
		 * @throws IllegalArgumentException naming the text and what is wrong with it
		 */
		public static Target valueOf(String address) {
			Target target = new Target();
			target.setAddress(HostPort.valueOf(address));
			return target;
		}

		/**
		 * Returns {@code portend.wait-for.<name>.address}.
		 * @return the value
		 */
		public @Nullable HostPort getAddress() {
			return this.address;
		}

		/**
		 * Sets {@code portend.wait-for.<name>.address}.
		 * @param address the value
		 */
		public void setAddress(@Nullable HostPort address) {
			this.address = address;
		}

		/**
		 * Returns {@code portend.wait-for.<name>.timeout}.
		 * @return the value
		 */
		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		/**
		 * Sets {@code portend.wait-for.<name>.timeout}.
		 * @param timeout the value
		 */
		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		/**
		 * Returns {@code portend.wait-for.<name>.required}.
		 * @return the value
		 */
		public boolean isRequired() {
			return this.required;
		}

		/**
		 * Sets {@code portend.wait-for.<name>.required}.
		 * @param required the value
		 */
		public void setRequired(boolean required) {
			this.required = required;
		}

	}

	/**
	 * Monitoring of the targets after start-up.
	 */
	public static class Monitor {

		/**
		 * Time between two checks of every target after start-up, each change of state being
		 * logged and published as a PortStateChangedEvent. Unset, monitoring is off, unless
		 * readiness gating is enabled: then it defaults to 5s.
		 */
		private @Nullable Duration interval;

		/**
		 * Returns {@code portend.monitor.interval}.
		 * @return the value
		 */
		public @Nullable Duration getInterval() {
			return this.interval;
		}

		/**
		 * Sets {@code portend.monitor.interval}.
		 * @param interval the value
		 */
		public void setInterval(@Nullable Duration interval) {
			this.interval = interval;
		}

	}

	/**
	 * Gating of the application's readiness state on the required targets.
	 */
	public static class Readiness {

		/**
		 * Whether the application refuses traffic (readiness state REFUSING_TRAFFIC) while a
		 * required target is not reachable for longer than the grace period. Liveness is never
		 * changed.
		 */
		private boolean enabled;

		/**
		 * How long a required target may be unreachable before the application refuses traffic.
		 */
		private Duration gracePeriod = Duration.ofSeconds(30);

		/**
		 * Returns {@code portend.readiness.enabled}.
		 * @return the value
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Sets {@code portend.readiness.enabled}.
		 * @param enabled the value
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Returns {@code portend.readiness.grace-period}.
		 * @return the value
		 */
		public Duration getGracePeriod() {
			return this.gracePeriod;
		}

		/**
		 * Sets {@code portend.readiness.grace-period}.
		 * @param gracePeriod the value
		 */
		public void setGracePeriod(Duration gracePeriod) {
			this.gracePeriod = gracePeriod;
		}

	}

}
