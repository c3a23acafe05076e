package io.portend.boot.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.portend.HostPort;
import io.portend.Protocol;
import io.portend.boot.discovery.ConnectionSettings.Located;

/**
 * The technologies whose Spring Boot connection settings name a server, each read with
 * Spring Boot's own precedence and defaults (those of its {@code Properties…ConnectionDetails}).
 * A technology counts only when at least one of its address properties is set: Spring Boot's
 * defaults alone (localhost:6379 and the like) say nothing about whether an application uses
 * it.
 */
enum ConnectionSource {

	/**
	 * {@code spring.datasource.url}, a JDBC URL.
	 */
	DATASOURCE("datasource") {
		@Override
		List<Located> locate(ConnectionSettings settings) {
			String url = settings.text("spring.datasource.url");
			return (url != null) ? ConnectionSettings.parse("spring.datasource.url", url, JdbcUrls::addresses) : List.of();
		}
	},

	/**
	 * {@code spring.r2dbc.url}, an R2DBC URL.
	 */
	R2DBC("r2dbc") {
		@Override
		List<Located> locate(ConnectionSettings settings) {
			String url = settings.text("spring.r2dbc.url");
			return (url != null) ? ConnectionSettings.parse("spring.r2dbc.url", url, R2dbcUrls::addresses) : List.of();
		}
	},

	/**
	 * Redis: the sentinels, else the cluster nodes, else the master/replica nodes, else
	 * {@code spring.data.redis.url}, else host and port (localhost:6379).
	 */
	REDIS("redis") {
		@Override
		List<Located> locate(ConnectionSettings settings) {
			for (String nodes : new String[] { "sentinel.nodes", "cluster.nodes", "masterreplica.nodes" }) {
				List<Located> located = nodes(settings, "spring.data.redis." + nodes, 0);
				if (!located.isEmpty()) {
					return located;
				}
			}
			if (settings.anySet("spring.data.redis.sentinel.master")) {
				throw new UndiscoverableException("a Redis sentinel master is set without any sentinel nodes")
					.in("spring.data.redis.sentinel.nodes");
			}
			String url = settings.text("spring.data.redis.url");
			if (url != null) {
				return ConnectionSettings.parse("spring.data.redis.url", url, this::redisUrl);
			}
			return hostAndPort(settings, "spring.data.redis", "localhost", 6379);
		}

		private List<HostPort> redisUrl(String url) {
			String scheme = url.startsWith("rediss://") ? "rediss://" : "redis://";
			if (!url.startsWith(scheme)) {
				throw new UndiscoverableException("a Redis URL starts with 'redis://' or 'rediss://'");
			}
			return List.of(Addresses.hostPort(Addresses.authority(url.substring(scheme.length())), 6379));
		}

		@Override
		Protocol protocol(ConnectionSettings settings) {
			String url = settings.text("spring.data.redis.url");
			boolean tls = isTrue(settings, "spring.data.redis.ssl.enabled") || (url != null && url.startsWith("rediss://"));
			return tls ? Protocol.TCP : Protocol.REDIS;
		}
	},

	/**
	 * RabbitMQ: {@code spring.rabbitmq.addresses}, else host and port (localhost, 5672 or 5671
	 * with SSL).
	 */
	RABBITMQ("rabbitmq") {
		@Override
		List<Located> locate(ConnectionSettings settings) {
			boolean ssl = "true".equalsIgnoreCase(settings.text("spring.rabbitmq.ssl.enabled"));
			List<Located> located = new ArrayList<>();
			for (String address : settings.list("spring.rabbitmq.addresses")) {
				located.addAll(ConnectionSettings.parse("spring.rabbitmq.addresses", address,
						(text) -> List.of(rabbitAddress(text, ssl))));
			}
			if (!located.isEmpty()) {
				return located;
			}
			String host = settings.text("spring.rabbitmq.host");
			if (host != null && host.contains(",")) {
				throw new UndiscoverableException("it holds several hosts; list them in spring.rabbitmq.addresses")
					.in("spring.rabbitmq.host");
			}
			return hostAndPort(settings, "spring.rabbitmq", "localhost", ssl ? 5671 : 5672);
		}

		/**
		 * Reads {@code [amqp[s]://][user[:password]@]host[:port][/vhost]}, the scheme choosing
		 * the default port over {@code spring.rabbitmq.ssl.enabled}.
		 */
		private HostPort rabbitAddress(String address, boolean ssl) {
			boolean secure = ssl;
			String rest = address;
			if (rest.startsWith("amqps://") || rest.startsWith("amqp://")) {
				secure = rest.startsWith("amqps://");
				rest = rest.substring(rest.indexOf("//") + 2);
			}
			rest = rest.substring(rest.lastIndexOf('@') + 1);
			int slash = rest.indexOf('/');
			return Addresses.hostPort((slash >= 0) ? rest.substring(0, slash) : rest, secure ? 5671 : 5672);
		}

		@Override
		Protocol protocol(ConnectionSettings settings) {
			boolean tls = isTrue(settings, "spring.rabbitmq.ssl.enabled")
					|| settings.list("spring.rabbitmq.addresses").stream().anyMatch((address) -> address.startsWith("amqps://"));
			return tls ? Protocol.TCP : Protocol.AMQP;
		}
	},

	/**
	 * Kafka: {@code spring.kafka.bootstrap-servers} and the consumer, producer and streams
	 * overrides that are set. Kafka needs a port in every entry.
	 */
	KAFKA("kafka") {
		@Override
		List<Located> locate(ConnectionSettings settings) {
			Map<HostPort, Located> located = new LinkedHashMap<>();
			for (String client : new String[] { "", "consumer.", "producer.", "streams." }) {
				String property = "spring.kafka." + client + "bootstrap-servers";
				for (String server : settings.list(property)) {
					for (Located found : ConnectionSettings.parse(property, server, this::bootstrapServer)) {
						located.putIfAbsent(found.address(), found);
					}
				}
			}
			return List.copyOf(located.values());
		}

		/**
		 * Reads {@code host:port}, optionally after a listener name such as
		 * {@code SASL_SSL://}.
		 */
		private List<HostPort> bootstrapServer(String server) {
			int scheme = server.indexOf("://");
			return List.of(Addresses.hostPort((scheme >= 0) ? server.substring(scheme + 3) : server, 0));
		}

		/** Only a plaintext listener answers Metadata before TLS or SASL authentication. */
		@Override
		Protocol protocol(ConnectionSettings settings) {
			String security = settings.text("spring.kafka.security.protocol");
			return (security == null || security.equalsIgnoreCase("PLAINTEXT")) ? Protocol.KAFKA : Protocol.TCP;
		}
	},

	/**
	 * MongoDB: {@code spring.mongodb.uri}, else host, port and additional hosts (localhost,
	 * 27017). A {@code mongodb+srv} address is found through DNS at connection time.
	 */
	MONGODB("mongodb") {
		@Override
		List<Located> locate(ConnectionSettings settings) {
			String uri = settings.text("spring.mongodb.uri");
			if (uri != null) {
				return ConnectionSettings.parse("spring.mongodb.uri", uri, this::mongoUri);
			}
			if (!settings.anySet("spring.mongodb.host", "spring.mongodb.port", "spring.mongodb.additional-hosts")) {
				return List.of();
			}
			if ("mongodb+srv".equals(settings.text("spring.mongodb.protocol"))) {
				throw srv().in("spring.mongodb.protocol");
			}
			List<Located> located = new ArrayList<>(hostAndPort(settings, "spring.mongodb", "localhost", 27017));
			located.addAll(nodes(settings, "spring.mongodb.additional-hosts", 27017));
			return located;
		}

		private List<HostPort> mongoUri(String uri) {
			if (uri.startsWith("mongodb+srv://")) {
				throw srv();
			}
			if (!uri.startsWith("mongodb://")) {
				throw new UndiscoverableException("a MongoDB URI starts with 'mongodb://' or 'mongodb+srv://'");
			}
			return Addresses.hostList(Addresses.authority(uri.substring("mongodb://".length())), 27017);
		}

		@Override
		Protocol protocol(ConnectionSettings settings) {
			String uri = settings.text("spring.mongodb.uri");
			String options = (uri != null) ? uri.toLowerCase(Locale.ROOT) : "";
			boolean tls = isTrue(settings, "spring.mongodb.ssl.enabled") || options.contains("tls=true")
					|| options.contains("ssl=true");
			return tls ? Protocol.TCP : Protocol.MONGODB;
		}

		private UndiscoverableException srv() {
			return new UndiscoverableException("a mongodb+srv address lists its hosts and ports in DNS SRV "
					+ "records, read at connection time; list the hosts in portend.wait-for instead");
		}
	},

	/**
	 * Elasticsearch: {@code spring.elasticsearch.uris}, http when no scheme is given, the
	 * scheme's port when none is.
	 */
	ELASTICSEARCH("elasticsearch") {
		@Override
		List<Located> locate(ConnectionSettings settings) {
			List<Located> located = new ArrayList<>();
			for (String uri : settings.list("spring.elasticsearch.uris")) {
				located.addAll(ConnectionSettings.parse("spring.elasticsearch.uris", uri, this::node));
			}
			return located;
		}

		private List<HostPort> node(String uri) {
			boolean https = uri.startsWith("https://");
			String rest = https ? uri.substring(8) : uri.startsWith("http://") ? uri.substring(7) : uri;
			return List.of(Addresses.hostPort(Addresses.authority(rest), https ? 443 : 80));
		}

		@Override
		Protocol protocol(ConnectionSettings settings) {
			boolean https = settings.list("spring.elasticsearch.uris").stream().anyMatch((uri) -> uri.startsWith("https://"));
			return https ? Protocol.TCP : Protocol.HTTP;
		}
	},

	/**
	 * Cassandra: {@code spring.cassandra.contact-points} (127.0.0.1:9042), a contact point
	 * without a port taking {@code spring.cassandra.port} (9042).
	 */
	CASSANDRA("cassandra") {
		@Override
		List<Located> locate(ConnectionSettings settings) {
			if (!settings.anySet("spring.cassandra.contact-points", "spring.cassandra.port")) {
				return List.of();
			}
			String portText = settings.text("spring.cassandra.port");
			int port = (portText != null) ? portOf("spring.cassandra", portText) : 9042;
			List<String> contactPoints = settings.list("spring.cassandra.contact-points");
			if (contactPoints.isEmpty()) {
				return List.of(new Located("spring.cassandra.contact-points", Addresses.of("127.0.0.1", 9042)));
			}
			List<Located> located = new ArrayList<>();
			for (String contactPoint : contactPoints) {
				located.addAll(ConnectionSettings.parse("spring.cassandra.contact-points", contactPoint,
						(text) -> List.of(Addresses.hostPort(text, port))));
			}
			return located;
		}
	};

	private final String sourceName;

	ConnectionSource(String sourceName) {
		this.sourceName = sourceName;
	}

	/**
	 * Returns the name of the source, the name of its targets.
	 */
	String sourceName() {
		return this.sourceName;
	}

	/**
	 * Returns the addresses the application's settings give this technology, none when they
	 * don't mention it.
	 * @throws UndiscoverableException naming the property that can't be read
	 */
	abstract List<Located> locate(ConnectionSettings settings);

	/**
	 * Returns the protocol whose readiness conversation this technology's servers hold, or
	 * {@link Protocol#TCP} when its settings ask for TLS (or SASL), which a conversation in the
	 * clear cannot pass. Addresses read from a URL that names its protocol keep it (a JDBC
	 * PostgreSQL URL, say).
	 */
	Protocol protocol(ConnectionSettings settings) {
		return Protocol.TCP;
	}

	private static boolean isTrue(ConnectionSettings settings, String property) {
		return "true".equalsIgnoreCase(settings.text(property));
	}

	/**
	 * Reads a list of {@code host[:port]} nodes.
	 */
	private static List<Located> nodes(ConnectionSettings settings, String property, int defaultPort) {
		List<Located> located = new ArrayList<>();
		for (String node : settings.list(property)) {
			located.addAll(ConnectionSettings.parse(property, node, (text) -> List.of(Addresses.hostPort(text, defaultPort))));
		}
		return located;
	}

	/**
	 * Reads {@code prefix.host} and {@code prefix.port} when either is set, each falling back to
	 * Spring Boot's default. The address is attributed to the host property when it is set.
	 */
	private static List<Located> hostAndPort(ConnectionSettings settings, String prefix, String defaultHost,
			int defaultPort) {
		String host = settings.text(prefix + ".host");
		String port = settings.text(prefix + ".port");
		if (host == null && port == null) {
			return List.of();
		}
		String property = prefix + ((host != null) ? ".host" : ".port");
		return ConnectionSettings.parse(property, (host != null) ? host : defaultHost,
				(text) -> List.of((port != null) ? Addresses.of(Addresses.stripBrackets(text), portOf(prefix, port))
						: Addresses.hostPort(text, defaultPort)));
	}

	private static int portOf(String prefix, String port) {
		try {
			return Addresses.port(port);
		}
		catch (UndiscoverableException ex) {
			throw ex.in(prefix + ".port");
		}
	}

}
