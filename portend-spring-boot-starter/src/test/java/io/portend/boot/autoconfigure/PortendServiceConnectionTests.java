package io.portend.boot.autoconfigure;

import java.util.List;
import java.util.function.Function;

import com.mongodb.ConnectionString;
import io.portend.Protocol;
import io.portend.boot.PortTarget;
import io.portend.boot.PortWatcher;
import io.portend.boot.autoconfigure.health.PortendHealthContributorAutoConfiguration;
import io.portend.boot.health.PortendHealthIndicator;
import io.portend.servers.Listener;
import io.portend.servers.Listeners;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code portend.discover=true}, start-up waits where the application's
 * {@code ConnectionDetails} bean says a service is (as Docker Compose support or
 * Testcontainers' {@code @ServiceConnection} publish them), not where the {@code spring.*}
 * properties, which Spring Boot then ignores, say.
 */
@ExtendWith(OutputCaptureExtension.class)
class PortendServiceConnectionTests {

	@AutoClose
	private final Listeners listeners = new Listeners();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortendAutoConfiguration.class, PortendStartupAutoConfiguration.class,
				PortendHealthContributorAutoConfiguration.class))
		// Short: were the closed port of the properties awaited, start-up would fail.
		.withPropertyValues("portend.discover=true", "portend.timeout=3s");

	static List<Arguments> connectionDetails() {
		return List.of(
				details("datasource", JdbcConnectionDetails.class, "spring.datasource.url=jdbc:postgresql://127.0.0.1:%d/app",
						(port) -> new Jdbc("jdbc:postgresql://127.0.0.1:" + port + "/app")),
				details("redis", DataRedisConnectionDetails.class, "spring.data.redis.url=redis://127.0.0.1:%d",
						(port) -> new DataRedisConnectionDetails() {
							@Override
							public Standalone getStandalone() {
								return Standalone.of("127.0.0.1", port);
							}
						}),
				details("rabbitmq", RabbitConnectionDetails.class, "spring.rabbitmq.addresses=127.0.0.1:%d",
						(port) -> () -> List.of(new RabbitConnectionDetails.Address("127.0.0.1", port))),
				details("kafka", KafkaConnectionDetails.class, "spring.kafka.bootstrap-servers=127.0.0.1:%d",
						(port) -> () -> List.of("127.0.0.1:" + port)),
				details("mongodb", MongoConnectionDetails.class, "spring.mongodb.uri=mongodb://127.0.0.1:%d/app",
						(port) -> () -> new ConnectionString("mongodb://127.0.0.1:" + port + "/app")),
				details("cassandra", CassandraConnectionDetails.class, "spring.cassandra.contact-points=127.0.0.1:%d",
						(port) -> new CassandraConnectionDetails() {
							@Override
							public List<Node> getContactPoints() {
								return List.of(new Node("127.0.0.1", port));
							}

							@Override
							public String getLocalDatacenter() {
								return "datacenter1";
							}
						}));
	}

	private static <D extends ConnectionDetails> Arguments details(String source, Class<D> type, String property,
			Function<Integer, D> details) {
		return Arguments.of(source, type, property, details);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("connectionDetails")
	<D extends ConnectionDetails> void startUpWaitsWhereTheConnectionDetailsBeanSays(String source, Class<D> type,
			String property, Function<Integer, D> details, CapturedOutput output) {
		try (Listener service = this.listeners.closingAtOnce(); Listener elsewhere = this.listeners.notListening()) {
			this.runner.withBean("serviceConnection", type, () -> details.apply(service.port()))
				.withPropertyValues(property.formatted(elsewhere.port()), "portend.block-startup=false")
				.run((context) -> {
					assertThat(context.getBean(PortWatcher.class).targets()).singleElement()
						.satisfies((target) -> assertThat(target.address().withProtocol(Protocol.TCP))
							.isEqualTo(service.target()));
					assertThat(output).contains("Discovered " + source + " (", ":" + service.port() + ", from "
							+ type.getSimpleName() + " bean 'serviceConnection')");
				});
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("connectionDetails")
	<D extends ConnectionDetails> void startUpWaitsThereInTcpWhenTheTargetSaysSo(String source, Class<D> type,
			String property, Function<Integer, D> details) {
		// The listeners here accept connections and say nothing: a service in its protocol never is ready there.
		try (Listener service = this.listeners.closingAtOnce(); Listener elsewhere = this.listeners.notListening()) {
			this.runner.withBean("serviceConnection", type, () -> details.apply(service.port()))
				.withPropertyValues(property.formatted(elsewhere.port()), "portend.wait-for." + source + ".protocol=tcp")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					PortWatcher watcher = context.getBean(PortWatcher.class);
					assertThat(watcher.targets()).containsExactly(PortTarget.of(source, service.target()));
					assertThat(watcher.status(source).occupied()).isTrue();
					Health health = context.getBean(PortendHealthIndicator.class).health(true);
					assertThat(health.getStatus()).isEqualTo(Status.UP);
				});
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("connectionDetails")
	<D extends ConnectionDetails> void withoutSuchABeanThePropertiesAreAwaited(String source, Class<D> type,
			String property, Function<Integer, D> details) {
		try (Listener service = this.listeners.closingAtOnce()) {
			this.runner
				.withPropertyValues(property.formatted(service.port()), "portend.wait-for." + source + ".protocol=tcp")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(PortWatcher.class).targets())
						.containsExactly(PortTarget.of(source, service.target()));
				});
		}
	}

	private record Jdbc(String getJdbcUrl) implements JdbcConnectionDetails {

		@Override
		public String getUsername() {
			return "app";
		}

		@Override
		public String getPassword() {
			return "secret";
		}

	}

}
