package io.portend;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What proves a port ready: a TCP connection accepted ({@link #TCP}, portend's own check), or a
 * short conversation in the service's own protocol after it, with no driver and no credentials.
 * A server that accepts connections while it starts, recovers or loads its data (PostgreSQL's
 * {@code 57P03}, Redis's {@code -LOADING}, a Kafka broker with no metadata yet, a container
 * runtime's port proxy with nothing behind it) is open, but not ready.
 *
 * <p>Each protocol has a URL scheme, used in text such as {@code postgresql://db:5432}, and a
 * default port for text that leaves it out. Being free means the same for every protocol:
 * nothing accepts a connection.
 */
public enum Protocol {

	/** A TCP connection accepted is enough. Text without a scheme means this. */
	TCP("tcp", 0, null),

	/** PostgreSQL answers a StartupMessage, as {@code pg_isready} checks. Alias {@code postgres}. */
	POSTGRESQL("postgresql", 5432, "postgres"),

	/** MySQL or MariaDB greets the client with its handshake. Alias {@code mariadb}. */
	MYSQL("mysql", 3306, "mariadb"),

	/** Redis answers {@code PING}, or asks for authentication. */
	REDIS("redis", 6379, null),

	/** A Kafka broker serves metadata listing at least one broker. */
	KAFKA("kafka", 9092, null),

	/** An AMQP 0-9-1 broker (RabbitMQ) answers the protocol header with Connection.Start. Alias {@code rabbitmq}. */
	AMQP("amqp", 5672, "rabbitmq"),

	/** MongoDB answers {@code hello} with {@code ok: 1}. */
	MONGODB("mongodb", 27017, null),

	/** An HTTP server answers a GET of the target's path with a status below 400. */
	HTTP("http", 80, null);

	private final String scheme;

	private final int defaultPort;

	private final @Nullable String alias;

	Protocol(String scheme, int defaultPort, @Nullable String alias) {
		this.scheme = scheme;
		this.defaultPort = defaultPort;
		this.alias = alias;
	}

	/**
	 * Returns the URL scheme that names this protocol in text.
	 * @return the scheme, such as {@code postgresql}
	 */
	public String scheme() {
		return this.scheme;
	}

	/**
	 * Returns the port that text naming this protocol's scheme without a port means.
	 * @return the default port, or 0 for {@link #TCP}, which has none
	 */
	public int defaultPort() {
		return this.defaultPort;
	}

	/**
	 * Returns the protocol a URL scheme names, ignoring case; aliases such as {@code postgres}
	 * are taken too.
	 * @param scheme the scheme, such as {@code postgresql}
	 * @return the protocol
	 * @throws IllegalArgumentException naming the scheme and listing the known ones
	 */
	public static Protocol forScheme(String scheme) {
		String lowerCase = (scheme != null) ? scheme.toLowerCase(Locale.ROOT) : null;
		for (Protocol protocol : values()) {
			if (protocol.scheme.equals(lowerCase) || (protocol.alias != null && protocol.alias.equals(lowerCase))) {
				return protocol;
			}
		}
		throw new IllegalArgumentException("Unknown scheme '" + scheme + "': expected one of " + schemes() + ".");
	}

	/**
	 * Returns the conversation that proves a port of this protocol ready once connected, or
	 * {@code null} for {@link #TCP}, where connecting is enough.
	 */
	@Nullable Conversation conversation() {
		return switch (this) {
			case TCP -> null;
			case POSTGRESQL -> PostgresqlConversation.INSTANCE;
			case MYSQL -> MysqlConversation.INSTANCE;
			case REDIS -> RedisConversation.INSTANCE;
			case KAFKA -> KafkaConversation.INSTANCE;
			case AMQP -> AmqpConversation.INSTANCE;
			case MONGODB -> MongodbConversation.INSTANCE;
			case HTTP -> HttpConversation.INSTANCE;
		};
	}

	/**
	 * Returns every scheme, aliases in parentheses, for messages that list them.
	 */
	static String schemes() {
		StringBuilder schemes = new StringBuilder();
		for (Protocol protocol : values()) {
			schemes.append(schemes.isEmpty() ? "" : ", ").append(protocol.scheme);
			if (protocol.alias != null) {
				schemes.append(" (").append(protocol.alias).append(')');
			}
		}
		return schemes.toString();
	}

}
