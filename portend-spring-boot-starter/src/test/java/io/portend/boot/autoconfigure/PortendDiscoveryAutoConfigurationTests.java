package io.portend.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portend.Protocol;
import io.portend.boot.PortTarget;
import io.portend.boot.PortWatcher;
import io.portend.boot.autoconfigure.health.PortendHealthContributorAutoConfiguration;
import io.portend.boot.autoconfigure.metrics.PortendMetricsAutoConfiguration;
import io.portend.boot.health.PortendHealthIndicator;
import io.portend.boot.startup.PortendStartupBarrier;
import io.portend.boot.startup.PortendStartupTimeoutException;
import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@code portend.discover}: targets discovered in the application's own connection
 * settings are waited for, reported and measured as configured targets are.
 */
@ExtendWith(OutputCaptureExtension.class)
class PortendDiscoveryAutoConfigurationTests {

	@AutoClose
	private final Listeners listeners = new Listeners();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortendAutoConfiguration.class, PortendStartupAutoConfiguration.class,
				PortendHealthContributorAutoConfiguration.class, PortendMetricsAutoConfiguration.class,
				MetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("portend.discover=true", "portend.timeout=20s");

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			datasource    | spring.datasource.url=jdbc:postgresql://127.0.0.1:%d/orders
			r2dbc         | spring.r2dbc.url=r2dbc:pool:postgresql://127.0.0.1:%d/orders
			redis         | spring.data.redis.url=redis://127.0.0.1:%d
			rabbitmq      | spring.rabbitmq.addresses=amqp://127.0.0.1:%d
			kafka         | spring.kafka.bootstrap-servers=127.0.0.1:%d
			mongodb       | spring.mongodb.uri=mongodb://127.0.0.1:%d/orders
			elasticsearch | spring.elasticsearch.uris=http://127.0.0.1:%d
			cassandra     | spring.cassandra.contact-points=127.0.0.1:%d
			""")
	void aDiscoveredServerIsAwaitedReportedAndMeasured(String source, String setting) {
		// The listener accepts connections and says nothing: checked in tcp, as a target may ask.
		try (Listener listener = this.listeners.closingAtOnce()) {
			this.runner.withPropertyValues(setting.formatted(listener.port()), "portend.wait-for." + source + ".protocol=tcp")
				.run((context) -> {
				assertThat(context).hasNotFailed();
				PortWatcher watcher = context.getBean(PortWatcher.class);
				assertThat(watcher.targets()).containsExactly(PortTarget.of(source, listener.target()));
				assertThat(context.getBean(PortendStartupBarrier.class).getWaitTime()).isNotNull();
				assertThat(watcher.status(source).occupied()).isTrue();
				Health health = context.getBean(PortendHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsOnlyKeys(source);
				assertThat(context.getBean(MeterRegistry.class)
					.get("portend.target.occupied")
					.tag("target", source)
					.gauge()
					.value()).isOne();
				});
		}
	}

	@Test
	void discoveryIsOffByDefault() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PortendAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/orders")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(PortWatcher.class);
				assertThat(context.getBean(PortendProperties.class).isDiscover()).isFalse();
				assertThat(context.getBean(PortendProperties.class).getDiscoverExclude()).isEmpty();
			});
	}

	@Test
	void withDiscoveryOffConfiguredTargetsAreAwaitedWithoutAWordOnDiscovery(CapturedOutput output) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PortendAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/orders",
					"portend.block-startup=false", "portend.wait-for.database=127.0.0.1:1")
			.run((context) -> {
				assertThat(context.getBean(PortWatcher.class).targets()).extracting(PortTarget::name)
					.containsExactly("database");
				assertThat(output).doesNotContain("portend.discover").doesNotContain("Discovered");
			});
	}

	@Test
	void aConfiguredTargetTakesThePlaceOfADiscoveredOneWithItsName() {
		try (Listener listener = this.listeners.closingAtOnce()) {
			this.runner
				.withPropertyValues("spring.data.redis.host=redis.example.com",
						"portend.wait-for.redis=" + listener.target())
				.run((context) -> assertThat(context.getBean(PortWatcher.class).targets())
					.containsExactly(PortTarget.of("redis", listener.target())));
		}
	}

	@Test
	void aConfiguredTargetTakesThePlaceOfADiscoveredOneWithItsAddress() {
		try (Listener listener = this.listeners.closingAtOnce()) {
			this.runner
				.withPropertyValues("spring.data.redis.url=redis://" + listener.target(),
						"portend.wait-for.cache=" + listener.target())
				.run((context) -> assertThat(context.getBean(PortWatcher.class).targets())
					.containsExactly(PortTarget.of("cache", listener.target())));
		}
	}

	@Test
	void aConfiguredTargetWithoutAnAddressTakesTheDiscoveredOne() {
		try (Listener listener = this.listeners.notListening()) {
			this.runner
				.withPropertyValues("spring.kafka.bootstrap-servers=" + listener.target(),
						"portend.wait-for.kafka.required=false")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(PortWatcher.class).targets())
						.containsExactly(new PortTarget("kafka", listener.target().withProtocol(Protocol.KAFKA), null, false));
				});
		}
	}

	@Test
	void excludedSourcesAreLeftOut() {
		try (Listener listener = this.listeners.closingAtOnce()) {
			this.runner
				.withPropertyValues("spring.datasource.url=jdbc:postgresql://" + listener.target() + "/orders",
						"spring.data.redis.port=1", "portend.discover-exclude=Redis", "portend.block-startup=false")
				.run((context) -> assertThat(context.getBean(PortWatcher.class).targets()).extracting(PortTarget::name)
					.containsExactly("datasource"));
		}
	}

	@Test
	void anUnknownExcludedSourceIsExplained() {
		this.runner.withPropertyValues("portend.discover-exclude=redis,reddis").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(FailureAnalysisSupport.report(FailureAnalysisSupport.analyze(context.getStartupFailure())))
				.contains("Property: portend.discover-exclude", "Reason: Unknown source 'reddis' to exclude from discovery")
				.contains("Set portend.discover-exclude to a comma-separated list of datasource, r2dbc, redis, rabbitmq, "
						+ "kafka, mongodb, elasticsearch, cassandra.");
		});
	}

	@Test
	void aDiscoverValueThatIsNotABooleanIsExplained() {
		this.runner.withPropertyValues("portend.discover=yes please").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(FailureAnalysisSupport.report(FailureAnalysisSupport.analyze(context.getStartupFailure())))
				.contains("Property: portend.discover\n")
				.contains("Set portend.discover to true or false.");
		});
	}

	@Test
	void aDiscoveredServerThatStaysDownFailsStartUpByName() {
		try (Listener listener = this.listeners.notListening()) {
			this.runner
				.withPropertyValues("spring.rabbitmq.port=" + listener.port(), "spring.rabbitmq.host=127.0.0.1",
						"portend.timeout=200ms")
				.run((context) -> {
					assertThat(context).hasFailed();
					// Nothing depends on the barrier: start-up is held once every singleton is made.
					assertThat(context.getStartupFailure()).isInstanceOf(PortendStartupTimeoutException.class);
					assertThat(FailureAnalysisSupport.report(FailureAnalysisSupport.analyze(context.getStartupFailure())))
						.contains("rabbitmq (amqp://" + listener.target() + ")");
				});
		}
	}

	@Test
	void withNothingToDiscoverNothingIsAwaited(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(PortWatcher.class).targets()).isEmpty();
			assertThat(context.getBean(PortendHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
		});
		assertThat(output).contains("portend.discover found no server to wait for in the connection settings");
	}

	@Test
	void credentialsNeverReachTheLogOrTheHealthDetails(CapturedOutput output) {
		try (Listener database = this.listeners.closingAtOnce();
				Listener redis = this.listeners.closingAtOnce();
				Listener rabbit = this.listeners.closingAtOnce()) {
			this.runner
				.withPropertyValues("spring.datasource.url=jdbc:mysql://alice:s3cret@" + database.target() + "/shop",
						"spring.data.redis.url=redis://alice:s3cret@" + redis.target() + "/1",
						"spring.rabbitmq.addresses=amqp://alice:s3cret@" + rabbit.target() + "/orders",
						"spring.mongodb.uri=mongodb+srv://alice:s3cret@cluster0.example.net/orders",
						"spring.r2dbc.url=r2dbc:postgresql://alice:s3cret@127.0.0.1:54x2/orders",
						// The listeners say nothing in any protocol: start-up would wait for nothing.
						"portend.block-startup=false")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(PortWatcher.class).targets()).extracting(PortTarget::name, PortTarget::address)
						.containsExactly(tuple("datasource", database.target().withProtocol(Protocol.MYSQL)),
								tuple("redis", redis.target().withProtocol(Protocol.REDIS)),
								tuple("rabbitmq", rabbit.target().withProtocol(Protocol.AMQP)));
					Health health = context.getBean(PortendHealthIndicator.class).health(true);
					assertThat(health.getDetails()).containsOnlyKeys("datasource", "redis", "rabbitmq");
					assertThat(health.toString()).doesNotContain("s3cret").doesNotContain("alice");
					assertThat(context.getBean(MeterRegistry.class).getMeters().toString()).doesNotContain("s3cret")
						.doesNotContain("alice");
				});
			assertThat(output)
				.contains("Discovered datasource (mysql://" + database.target() + ", from spring.datasource.url)")
				.containsOnlyOnce("Not waiting for mongodb: spring.mongodb.uri: a mongodb+srv address")
				.containsOnlyOnce("Not waiting for r2dbc: spring.r2dbc.url: a port is not a number from 1 to 65535")
				.doesNotContain("s3cret")
				.doesNotContain("alice");
		}
	}

	@Test
	void discoveredTargetsFollowTheConfiguredOnes() {
		try (Listener configured = this.listeners.closingAtOnce(); Listener discovered = this.listeners.closingAtOnce()) {
			this.runner
				.withPropertyValues("portend.wait-for.search=" + configured.target(),
						"spring.cassandra.contact-points=" + discovered.target())
				.run((context) -> assertThat(context.getBean(PortWatcher.class).targets()).containsExactly(
						PortTarget.of("search", configured.target()), PortTarget.of("cassandra", discovered.target())));
		}
	}

	@Test
	void severalServersOfOneSourceAreNumbered() {
		try (Listener first = this.listeners.closingAtOnce(); Listener second = this.listeners.closingAtOnce()) {
			this.runner
				.withPropertyValues("spring.kafka.bootstrap-servers=" + first.target() + "," + second.target(),
						"portend.block-startup=false")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(PortWatcher.class).targets()).containsExactly(
							PortTarget.of("kafka-1", first.target().withProtocol(Protocol.KAFKA)),
							PortTarget.of("kafka-2", second.target().withProtocol(Protocol.KAFKA)));
					assertThat(context.getBean(PortendHealthIndicator.class).health(true).getDetails())
						.containsOnlyKeys("kafka-1", "kafka-2");
				});
		}
	}

}
