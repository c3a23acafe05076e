package io.portend.boot.discovery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import com.mongodb.ConnectionString;
import io.portend.HostPort;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.util.ClassUtils;

/**
 * The {@link ServiceConnection}s of the technologies whose {@code ConnectionDetails} portend
 * reads, each read with Spring Boot's precedence. Call a method only when its technology's
 * module is on the class path: each names types of that module alone.
 */
public final class ServiceConnections {

	private ServiceConnections() {
	}

	/**
	 * Returns the service connection of a {@code JdbcConnectionDetails} bean: its JDBC URL.
	 * @param beanFactory where to find the bean
	 * @return the service connection
	 */
	public static ServiceConnection jdbc(ListableBeanFactory beanFactory) {
		return new ConnectionDetailsServiceConnection<>("datasource", JdbcConnectionDetails.class, beanFactory,
				(details) -> JdbcUrls.addresses(details.getJdbcUrl()));
	}

	/**
	 * Returns the service connection of a {@code DataRedisConnectionDetails} bean: its sentinels,
	 * else its cluster nodes, else its master/replica nodes, else its standalone server.
	 * @param beanFactory where to find the bean
	 * @return the service connection
	 */
	public static ServiceConnection redis(ListableBeanFactory beanFactory) {
		return new ConnectionDetailsServiceConnection<>("redis", DataRedisConnectionDetails.class, beanFactory,
				ServiceConnections::redisAddresses);
	}

	/**
	 * Returns the service connection of a {@code RabbitConnectionDetails} bean: its addresses.
	 * @param beanFactory where to find the bean
	 * @return the service connection
	 */
	public static ServiceConnection rabbitmq(ListableBeanFactory beanFactory) {
		return new ConnectionDetailsServiceConnection<>("rabbitmq", RabbitConnectionDetails.class, beanFactory,
				(details) -> nodes(details.getAddresses(), RabbitConnectionDetails.Address::host,
						RabbitConnectionDetails.Address::port));
	}

	/**
	 * Returns the service connection of a {@code KafkaConnectionDetails} bean: its bootstrap
	 * servers and those of its consumer, producer, admin and streams configurations.
	 * @param beanFactory where to find the bean
	 * @return the service connection
	 */
	public static ServiceConnection kafka(ListableBeanFactory beanFactory) {
		return new ConnectionDetailsServiceConnection<>("kafka", KafkaConnectionDetails.class, beanFactory,
				ServiceConnections::kafkaAddresses);
	}

	/**
	 * Returns the service connection of a {@code MongoConnectionDetails} bean: the hosts of its
	 * connection string.
	 * @param beanFactory where to find the bean
	 * @return the service connection
	 */
	public static ServiceConnection mongodb(ListableBeanFactory beanFactory) {
		return new ConnectionDetailsServiceConnection<>("mongodb", MongoConnectionDetails.class, beanFactory,
				(details) -> mongoAddresses(details.getConnectionString()));
	}

	/**
	 * Returns the service connection of a {@code CassandraConnectionDetails} bean: its contact
	 * points.
	 * @param beanFactory where to find the bean
	 * @return the service connection
	 */
	public static ServiceConnection cassandra(ListableBeanFactory beanFactory) {
		return new ConnectionDetailsServiceConnection<>("cassandra", CassandraConnectionDetails.class, beanFactory,
				(details) -> nodes(details.getContactPoints(), CassandraConnectionDetails.Node::host,
						CassandraConnectionDetails.Node::port));
	}

	/**
	 * Returns the service connection of a type of {@code ConnectionDetails} that portend cannot
	 * read yet (R2DBC's and Elasticsearch's): when the application has such a bean, discovery
	 * warns that it does not wait for that source, rather than wait where the properties, which
	 * Spring Boot then ignores, say.
	 * @param source the discovery source
	 * @param typeName the name of the type of connection details
	 * @param beanFactory where to find the bean
	 * @return the service connection
	 */
	public static ServiceConnection unread(String source, String typeName, ListableBeanFactory beanFactory) {
		Class<? extends ConnectionDetails> type = ClassUtils
			.resolveClassName(typeName, ServiceConnections.class.getClassLoader())
			.asSubclass(ConnectionDetails.class);
		return new ConnectionDetailsServiceConnection<>(source, type, beanFactory, (details) -> {
			throw new UndiscoverableException("portend does not read its " + type.getSimpleName()
					+ " bean yet; list the server in portend.wait-for");
		});
	}

	private static List<HostPort> redisAddresses(DataRedisConnectionDetails details) {
		List<DataRedisConnectionDetails.Node> nodes = redisNodes(details);
		if (nodes != null) {
			return nodes(nodes, DataRedisConnectionDetails.Node::host, DataRedisConnectionDetails.Node::port);
		}
		DataRedisConnectionDetails.Standalone standalone = details.getStandalone();
		if (standalone == null) {
			throw new UndiscoverableException("the Redis connection details name no server");
		}
		return List.of(Addresses.of(standalone.getHost(), standalone.getPort()));
	}

	private static @Nullable List<DataRedisConnectionDetails.Node> redisNodes(DataRedisConnectionDetails details) {
		DataRedisConnectionDetails.Sentinel sentinel = details.getSentinel();
		if (sentinel != null) {
			return sentinel.getNodes();
		}
		DataRedisConnectionDetails.Cluster cluster = details.getCluster();
		if (cluster != null) {
			return cluster.getNodes();
		}
		DataRedisConnectionDetails.MasterReplica masterReplica = details.getMasterReplica();
		return (masterReplica != null) ? masterReplica.getNodes() : null;
	}

	private static <N> List<HostPort> nodes(List<N> nodes, Function<N, String> host, ToIntFunction<N> port) {
		return nodes.stream().map((node) -> Addresses.of(host.apply(node), port.applyAsInt(node))).toList();
	}

	private static List<HostPort> kafkaAddresses(KafkaConnectionDetails details) {
		Set<String> servers = new LinkedHashSet<>(details.getBootstrapServers());
		for (KafkaConnectionDetails.Configuration client : Arrays.asList(details.getConsumer(),
				details.getProducer(), details.getAdmin(), details.getStreams())) {
			if (client != null) {
				servers.addAll(client.getBootstrapServers());
			}
		}
		List<HostPort> addresses = new ArrayList<>();
		for (String server : servers) {
			int scheme = server.indexOf("://");
			addresses.add(Addresses.hostPort((scheme >= 0) ? server.substring(scheme + 3) : server.trim(), 0));
		}
		return addresses;
	}

	private static List<HostPort> mongoAddresses(ConnectionString connectionString) {
		if (connectionString.isSrvProtocol()) {
			throw new UndiscoverableException("a mongodb+srv connection string lists its hosts in DNS SRV records, "
					+ "read at connection time; list the hosts in portend.wait-for instead");
		}
		return connectionString.getHosts().stream().map((host) -> Addresses.hostPort(host, 27017)).toList();
	}

}
