package io.portend.boot.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portend.Checker;
import io.portend.HostPort;
import io.portend.HostResolver;
import io.portend.boot.PortTarget;
import io.portend.boot.PortState;
import io.portend.boot.PortWatcher;
import io.portend.boot.TargetStatus;
import io.portend.boot.autoconfigure.health.PortendHealthContributorAutoConfiguration;
import io.portend.boot.autoconfigure.metrics.PortendMetricsAutoConfiguration;
import io.portend.boot.health.PortendHealthIndicator;
import io.portend.boot.metrics.PortendMetrics;
import io.portend.boot.startup.PortendStartupBarrier;
import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for the conditions and the property binding of portend's auto-configurations.
 */
class PortendAutoConfigurationTests {

	@AutoClose
	private final Listeners listeners = new Listeners();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortendAutoConfiguration.class, PortendStartupAutoConfiguration.class,
				PortendHealthContributorAutoConfiguration.class, PortendMetricsAutoConfiguration.class,
				MetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@Test
	void withoutTargetsNothingIsAdded() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(PortendProperties.class)
				.doesNotHaveBean(PortWatcher.class)
				.doesNotHaveBean(PortendStartupBarrier.class)
				.doesNotHaveBean(PortendHealthIndicator.class)
				.doesNotHaveBean(PortendMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).getMeters()).isEmpty();
		});
	}

	@Test
	void propertiesHaveTheirDefaults() {
		this.runner.run((context) -> {
			PortendProperties properties = context.getBean(PortendProperties.class);
			assertThat(properties.isEnabled()).isTrue();
			assertThat(properties.isBlockStartup()).isTrue();
			assertThat(properties.getTimeout()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(1));
			assertThat(properties.getPollInterval()).isEqualTo(Duration.ofMillis(4));
			assertThat(properties.getWaitFor()).isEmpty();
			assertThat(properties.getMonitor().getInterval()).isNull();
			assertThat(properties.getReadiness().isEnabled()).isFalse();
			assertThat(properties.getReadiness().getGracePeriod()).isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void withATargetEverythingIsAdded() {
		try (Listener listener = this.listeners.closingAtOnce()) {
			this.runner.withPropertyValues("portend.wait-for.database=" + listener.target()).run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(PortWatcher.class)
					.hasBean(PortendStartupBarrier.BEAN_NAME)
					.hasBean("portendHealthIndicator")
					.hasSingleBean(PortendMetrics.class);
				assertThat(context.getBean(PortWatcher.class).status("database").occupied()).isTrue();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("portend.target.occupied").tag("target", "database").gauge().value()).isOne();
				Duration waited = context.getBean(PortendStartupBarrier.class).getWaitTime();
				// The gauge keeps seconds: nanoseconds come back with rounding errors.
				assertThat(registry.get("portend.startup.wait").timeGauge().value(TimeUnit.NANOSECONDS))
					.isCloseTo(waited.toNanos(), within(1.0));
			});
		}
	}

	@Test
	void disabledAddsNothing() {
		this.runner.withPropertyValues("portend.enabled=false", "portend.wait-for.database=127.0.0.1:1")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(PortendProperties.class)
				.doesNotHaveBean(PortWatcher.class)
				.doesNotHaveBean(PortendStartupBarrier.class)
				.doesNotHaveBean(PortendHealthIndicator.class)
				.doesNotHaveBean(PortendMetrics.class));
	}

	@Test
	void healthIndicatorCanBeDisabled() {
		this.runner
			.withPropertyValues("portend.block-startup=false", "portend.wait-for.database=127.0.0.1:1",
					"management.health.portend.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(PortWatcher.class)
				.doesNotHaveBean(PortendHealthIndicator.class));
	}

	@Test
	void worksWithoutActuator() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class, MeterRegistry.class))
			.withPropertyValues("portend.block-startup=false", "portend.wait-for.database=127.0.0.1:1")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(PortWatcher.class)
				.hasBean(PortendStartupBarrier.BEAN_NAME)
				.doesNotHaveBean(PortendHealthIndicator.class)
				.doesNotHaveBean(PortendMetrics.class));
	}

	@Test
	void withoutAMeterRegistryNoMetricsAreBound() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PortendAutoConfiguration.class, PortendMetricsAutoConfiguration.class))
			.withPropertyValues("portend.block-startup=false", "portend.wait-for.database=127.0.0.1:1")
			.run((context) -> assertThat(context).hasSingleBean(PortWatcher.class).doesNotHaveBean(PortendMetrics.class));
	}

	@Test
	void userDefinedWatcherWinsAndIsAwaited() {
		try (Listener listener = this.listeners.closingAtOnce()) {
			this.runner.withUserConfiguration(UserWatcherConfiguration.class)
				.withBean(Listener.class, () -> listener)
				.withPropertyValues("portend.wait-for.database=127.0.0.1:1")
				.run((context) -> {
					assertThat(context).hasNotFailed().hasSingleBean(PortWatcher.class);
					PortWatcher watcher = context.getBean(PortWatcher.class);
					assertThat(watcher.targets()).extracting(PortTarget::name).containsExactly("mine");
					assertThat(watcher.status("mine").occupied()).isTrue();
					assertThat(context).hasBean(PortendStartupBarrier.BEAN_NAME).hasBean("portendHealthIndicator");
				});
		}
	}

	@Test
	void shortFormBinds() {
		this.runner.withPropertyValues("portend.block-startup=false", "portend.wait-for.database=localhost:5432",
				"portend.wait-for.v6=[::1]:6379")
			.run((context) -> assertThat(context.getBean(PortWatcher.class).targets()).containsExactly(
					new PortTarget("database", HostPort.parse("localhost:5432"), null, true),
					new PortTarget("v6", new HostPort("::1", 6379), null, true)));
	}

	@Test
	void longFormBinds() {
		this.runner
			.withPropertyValues("portend.block-startup=false", "portend.wait-for.cache.address=localhost:6379",
					"portend.wait-for.cache.timeout=10s", "portend.wait-for.cache.required=false",
					"portend.wait-for.queue.address=127.0.0.1:5672")
			.run((context) -> assertThat(context.getBean(PortWatcher.class).targets()).containsExactly(
					new PortTarget("cache", HostPort.parse("localhost:6379"), Duration.ofSeconds(10), false),
					new PortTarget("queue", HostPort.parse("127.0.0.1:5672"), null, true)));
	}

	@Test
	void bothFormsBindTogether() {
		this.runner
			.withPropertyValues("portend.block-startup=false", "portend.wait-for.database=localhost:5432",
					"portend.wait-for.cache.address=localhost:6379", "portend.wait-for.cache.required=false")
			.run((context) -> assertThat(context.getBean(PortWatcher.class).targets())
				.extracting(PortTarget::name, PortTarget::required)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("database", true),
						org.assertj.core.groups.Tuple.tuple("cache", false)));
	}

	@Test
	void hostResolverBeanIsUsed() {
		AtomicInteger resolved = new AtomicInteger();
		HostResolver resolver = (host) -> {
			resolved.incrementAndGet();
			return List.of(InetAddress.getLoopbackAddress());
		};
		try (Listener listener = this.listeners.closingAtOnce()) {
			this.runner.withBean(HostResolver.class, () -> resolver)
				.withPropertyValues("portend.wait-for.database=db.example:" + listener.port())
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(PortWatcher.class).status("database").occupied()).isTrue();
					assertThat(resolved).hasPositiveValue();
				});
		}
	}

	@Test
	void malformedAddressIsExplained() {
		assertFailure("portend.wait-for.database=localhost",
				"Invalid value for portend.wait-for.database:\n\n    Property: portend.wait-for.database\n"
						+ "    Value: \"localhost\"\n    Origin: \"portend.wait-for.database\" from property source \"test\"\n"
						+ "    Reason: Invalid host:port 'localhost': missing ':port'.",
				"Set portend.wait-for.database to host:port with a port from 1 to 65535, such as localhost:5432 or "
						+ "[::1]:5432, or use the long form with portend.wait-for.database.address.");
	}

	@Test
	void portZeroIsExplained() {
		assertFailure("portend.wait-for.database=localhost:0",
				"Reason: Invalid host:port 'localhost:0': port 0 is out of range; a port must be between 1 and 65535.",
				"Set portend.wait-for.database to host:port");
	}

	@Test
	void portOutOfRangeInTheLongFormIsExplained() {
		assertFailure("portend.wait-for.database.address=localhost:65536",
				"    Property: portend.wait-for.database.address\n    Value: \"localhost:65536\"",
				"Set portend.wait-for.database.address to host:port with a port from 1 to 65535, such as "
						+ "localhost:5432 or [::1]:5432.");
	}

	@Test
	void emptyAddressIsExplained() {
		assertFailure("portend.wait-for.database=", "Reason: Invalid host:port '': expected host:port.",
				"Set portend.wait-for.database to host:port");
	}

	@Test
	void negativeTimeoutIsExplained() {
		assertFailure("portend.timeout=-1s",
				"    Property: portend.timeout\n    Value: \"-1s\"\n    Origin: \"portend.timeout\" from property source "
						+ "\"test\"\n    Reason: A duration here must be positive, such as 500ms, 10s or 1m.",
				"Set portend.timeout to a positive duration, such as 500ms, 10s or 1m.");
	}

	@Test
	void zeroConnectTimeoutIsExplained() {
		assertFailure("portend.connect-timeout=0", "Value: \"0\"",
				"Set portend.connect-timeout to a positive duration");
	}

	@Test
	void zeroTargetTimeoutIsExplained() {
		assertFailure(new String[] { "portend.wait-for.database.address=localhost:1", "portend.wait-for.database.timeout=0s" },
				"Property: portend.wait-for.database.timeout", "Set portend.wait-for.database.timeout to a positive duration");
	}

	@Test
	void negativeGracePeriodIsExplained() {
		assertFailure("portend.readiness.grace-period=-1s", "Reason: A grace period must not be negative",
				"Set portend.readiness.grace-period to a duration of zero or more, such as 0s or 30s.");
	}

	@Test
	void wrongTypeOfTimeoutIsExplained() {
		assertFailure("portend.timeout=soon", "Reason: 'soon' is not a valid duration",
				"Set portend.timeout to a positive duration");
	}

	@Test
	void wrongTypeOfRequiredIsExplained() {
		assertFailure(new String[] { "portend.wait-for.database.address=localhost:1", "portend.wait-for.database.required=maybe" },
				"Reason: Invalid boolean value 'maybe'", "Set portend.wait-for.database.required to true or false.");
	}

	@Test
	void emptyNameIsExplained() {
		assertFailure("portend.wait-for[]=localhost:5432", "Property: portend.wait-for\n",
				"Give every target a name: portend.wait-for.<name>=host:port");
	}

	@Test
	void blankNameIsExplained() {
		assertFailure("portend.wait-for[ ]=localhost:5432",
				"Invalid value ' ' for configuration property 'portend.wait-for'",
				"A target needs a name, such as database in portend.wait-for.database=localhost:5432.");
	}

	@Test
	void missingAddressIsExplained() {
		assertFailure("portend.wait-for.database.timeout=5s", "'portend.wait-for.database.address'",
				"Target 'database' has no address. Set it as portend.wait-for.database=host:port or "
						+ "portend.wait-for.database.address=host:port.");
	}

	@Test
	void targetTakesItsProtocolFromItsScheme() {
		this.runner.withBean(HostResolver.class, () -> CheckerFree::unknown)
			.withPropertyValues("portend.block-startup=false", "portend.wait-for.database=postgresql://db.test")
			.run((context) -> assertThat(context.getBean(PortWatcher.class).targets()).singleElement()
				.satisfies((target) -> assertThat(target.address()).isEqualTo(HostPort.parse("postgresql://db.test:5432"))));
	}

	@Test
	void longFormGivesAProtocolAndAPath() {
		this.runner.withBean(HostResolver.class, () -> CheckerFree::unknown)
			.withPropertyValues("portend.block-startup=false", "portend.wait-for.web.address=web.test:8080",
					"portend.wait-for.web.protocol=http", "portend.wait-for.web.path=/actuator/health/readiness")
			.run((context) -> assertThat(context.getBean(PortWatcher.class).targets()).singleElement()
				.satisfies((target) -> assertThat(target.address()).hasToString("http://web.test:8080/actuator/health/readiness")));
	}

	@Test
	void protocolThatContradictsTheSchemeIsExplained() {
		assertFailure(new String[] { "portend.wait-for.database.address=postgresql://db.test",
				"portend.wait-for.database.protocol=redis" }, "'portend.wait-for.database.protocol'",
				"The address postgresql://db.test:5432 names the protocol postgresql already. Leave out one of the two.");
	}

	@Test
	void pathOfATargetThatIsNotHttpIsExplained() {
		assertFailure(new String[] { "portend.wait-for.database.address=db.test:5432",
				"portend.wait-for.database.path=/health" }, "'portend.wait-for.database.path'",
				"a path is only for http targets");
	}

	@Test
	void serviceThatIsOpenButNotReadyIsReportedSoInHealth() throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
		server.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
		});
		server.start();
		try {
			this.runner.withPropertyValues("portend.block-startup=false",
					"portend.wait-for.web=http://127.0.0.1:" + server.getAddress().getPort())
				.run((context) -> {
					TargetStatus status = context.getBean(PortWatcher.class).check("web");
					assertThat(status.state()).isEqualTo(PortState.NOT_READY);
					Health health = context.getBean(PortendHealthIndicator.class).health(true);
					assertThat(health.getStatus()).isEqualTo(Status.DOWN);
					assertThat(health.getDetails()).extractingByKey("web")
						.asString()
						.contains("state=NOT_READY", "open but not ready: answers 503 Service Unavailable");
				});
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void strictCheckTellsAPortProxyFromAListener() throws Exception {
		// A port proxy with nothing behind it accepts, then closes at once.
		try (ServerSocket proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread closer = new Thread(() -> {
				while (!proxy.isClosed()) {
					try {
						proxy.accept().close();
					}
					catch (IOException ex) {
						// Closed at the end of the test.
					}
				}
			}, "proxy");
			closer.start();
			String target = "portend.wait-for.proxy=127.0.0.1:" + proxy.getLocalPort();
			this.runner.withPropertyValues("portend.block-startup=false", target)
				.run((context) -> assertThat(context.getBean(PortWatcher.class).check("proxy").occupied()).isTrue());
			this.runner.withPropertyValues("portend.block-startup=false", "portend.strict-check=500ms", target)
				.run((context) -> assertThat(context.getBean(PortWatcher.class).check("proxy").occupied()).isFalse());
		}
	}

	private void assertFailure(String property, String description, String action) {
		assertFailure(new String[] { property }, description, action);
	}

	private void assertFailure(String[] properties, String description, String action) {
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = FailureAnalysisSupport.analyze(context.getStartupFailure());
			assertThat(FailureAnalysisSupport.report(analysis)).contains(description).contains(action);
		});
	}

	/** A resolver that knows no name: these tests never reach DNS. */
	static final class CheckerFree {

		static List<InetAddress> unknown(String host) throws UnknownHostException {
			throw new UnknownHostException(host + ": not resolved in tests");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserWatcherConfiguration {

		@Bean
		PortWatcher myWatcher(Listener listener) {
			return new PortWatcher(new Checker(), List.of(PortTarget.of("mine", listener.target())));
		}

	}

}
