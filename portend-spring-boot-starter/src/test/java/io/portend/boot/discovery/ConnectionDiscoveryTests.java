package io.portend.boot.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.portend.HostPort;
import io.portend.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ConnectionDiscovery}: real-world settings against the addresses Spring
 * Boot and the drivers connect to.
 */
class ConnectionDiscoveryTests {

	/** Every credential in the table: none may appear in a target or a warning. */
	private static final List<String> CREDENTIALS = List.of("alice", "s3cret");

	static Stream<Arguments> settings() {
		return Stream.of(
				// PostgreSQL (pgjdbc)
				row("datasource=db.example.com:5432", "spring.datasource.url", "jdbc:postgresql://db.example.com/orders"),
				row("datasource=db.example.com:6432", "spring.datasource.url",
						"jdbc:postgresql://db.example.com:6432/orders?ssl=true&user=alice&password=s3cret"),
				row("datasource-1=pg1.example.com:5432, datasource-2=pg2.example.com:5433", "spring.datasource.url",
						"jdbc:postgresql://pg1.example.com:5432,pg2.example.com:5433/orders?targetServerType=primary"),
				row("datasource=[::1]:5740", "spring.datasource.url", "jdbc:postgresql://[::1]:5740/orders"),
				row("datasource=[::1]:5432", "spring.datasource.url", "jdbc:postgresql://[::1]/orders"),
				row("datasource=localhost:5432", "spring.datasource.url", "jdbc:postgresql:orders"),
				row("datasource=db.example.com:5432", "spring.datasource.url",
						"jdbc:postgresql://alice:s3cret@db.example.com/orders"),
				row("datasource=db.example.com:5432", "spring.datasource.url", "jdbc:p6spy:postgresql://db.example.com/orders"),
				row("WARN spring.datasource.url ~port", "spring.datasource.url",
						"jdbc:postgresql://alice:s3cret@db.example.com:54x2/orders"),
				row("WARN spring.datasource.url ~several ':'", "spring.datasource.url", "jdbc:postgresql://::1:5432/orders"),
				// MySQL (Connector/J) and MariaDB
				row("datasource=mysql.example.com:3307", "spring.datasource.url",
						"jdbc:mysql://mysql.example.com:3307/shop?user=alice&password=s3cret"),
				row("datasource-1=m1.example.com:3306, datasource-2=m2.example.com:3307", "spring.datasource.url",
						"jdbc:mysql://alice:s3cret@[m1.example.com:3306,m2.example.com:3307]/shop"),
				row("datasource-1=primary.example.com:3306, datasource-2=replica.example.com:3307", "spring.datasource.url",
						"jdbc:mysql:replication://primary.example.com,replica.example.com:3307/shop"),
				row("datasource=mysql.example.com:3310", "spring.datasource.url",
						"jdbc:mysql://address=(host=mysql.example.com)(port=3310)(password=s3cret)/shop"),
				row("datasource=mysql.example.com:3311", "spring.datasource.url",
						"jdbc:mysql://(host=mysql.example.com,port=3311,user=alice)/shop"),
				row("datasource=localhost:3306", "spring.datasource.url", "jdbc:mysql:///shop"),
				row("datasource=[::1]:3306", "spring.datasource.url", "jdbc:mysql://[::1]/shop"),
				row("datasource=localhost:33060", "spring.datasource.url", "jdbc:mysqlx://localhost/shop"),
				row("datasource-1=maria1.example.com:3306, datasource-2=maria2.example.com:3307", "spring.datasource.url",
						"jdbc:mariadb:sequential://maria1.example.com,maria2.example.com:3307/shop"),
				row("datasource-1=maria1.example.com:3307, datasource-2=maria2.example.com:3306", "spring.datasource.url",
						"jdbc:mariadb:replication://address=(host=maria1.example.com)(port=3307)(type=primary),"
								+ "address=(host=maria2.example.com)(type=replica)/shop"),
				row("WARN spring.datasource.url ~DNS SRV", "spring.datasource.url",
						"jdbc:mysql+srv://alice:s3cret@_mysql._tcp.example.com/shop"),
				// SQL Server
				row("datasource=sql.example.com:1434", "spring.datasource.url",
						"jdbc:sqlserver://sql.example.com:1434;databaseName=orders;user=alice;password={s3cret;x}"),
				row("datasource=sql.example.com:1433", "spring.datasource.url",
						"jdbc:sqlserver://sql.example.com;databaseName=orders;encrypt=true"),
				row("datasource=sql.example.com:1500", "spring.datasource.url",
						"jdbc:sqlserver://;serverName=sql.example.com;portNumber=1500;password=s3cret"),
				row("datasource=sql.example.com:1450", "spring.datasource.url",
						"jdbc:sqlserver://sql.example.com\\SQLEXPRESS:1450;databaseName=orders"),
				row("WARN spring.datasource.url ~SQL Server Browser", "spring.datasource.url",
						"jdbc:sqlserver://sql.example.com\\SQLEXPRESS;databaseName=orders;password=s3cret"),
				// Oracle
				row("datasource=ora.example.com:1522", "spring.datasource.url", "jdbc:oracle:thin:@ora.example.com:1522:ORCL"),
				row("datasource=ora.example.com:1523", "spring.datasource.url",
						"jdbc:oracle:thin:@//ora.example.com:1523/orders.example.com"),
				row("datasource=ora.example.com:1521", "spring.datasource.url",
						"jdbc:oracle:thin:alice/s3cret@//ora.example.com/orders"),
				row("datasource=ora.example.com:1524", "spring.datasource.url",
						"jdbc:oracle:thin:@ora.example.com:1524/orders"),
				row("datasource=ora.example.com:2484", "spring.datasource.url",
						"jdbc:oracle:thin:@tcps://ora.example.com:2484/orders?wallet_location=/wallet"),
				row("datasource-1=ora1.example.com:1530, datasource-2=ora2.example.com:1530", "spring.datasource.url",
						"jdbc:oracle:thin:@ora1.example.com,ora2.example.com:1530/orders"),
				row("datasource-1=ora1.example.com:1521, datasource-2=ora2.example.com:1526", "spring.datasource.url",
						"jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS_LIST=(ADDRESS=(PROTOCOL=TCP)(HOST=ora1.example.com)(PORT=1521))"
								+ "(ADDRESS = (PROTOCOL = TCP)(HOST = ora2.example.com)(PORT = 1526)))"
								+ "(CONNECT_DATA=(SERVICE_NAME=orders)))"),
				row("WARN spring.datasource.url ~TNS alias", "spring.datasource.url",
						"jdbc:oracle:thin:alice/s3cret@orders_high?TNS_ADMIN=/wallet"),
				// Databases that run embedded or as servers
				row("datasource=h2.example.com:9092", "spring.datasource.url", "jdbc:h2:tcp://h2.example.com/~/orders"),
				row("datasource-1=h2a.example.com:9101, datasource-2=h2b.example.com:9102", "spring.datasource.url",
						"jdbc:h2:tcp://h2a.example.com:9101,h2b.example.com:9102/~/orders"),
				row("", "spring.datasource.url", "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1"),
				row("", "spring.datasource.url", "jdbc:h2:file:./data/orders"),
				row("", "spring.datasource.url", "jdbc:h2:~/orders"),
				row("", "spring.datasource.url", "jdbc:sqlite:orders.db"),
				row("", "spring.datasource.url", "jdbc:hsqldb:mem:orders"),
				row("datasource=hsql.example.com:9001", "spring.datasource.url", "jdbc:hsqldb:hsql://hsql.example.com/orders"),
				row("", "spring.datasource.url", "jdbc:derby:memory:orders;create=true"),
				row("datasource=derby.example.com:1527", "spring.datasource.url",
						"jdbc:derby://derby.example.com/orders;create=true"),
				row("datasource=db2.example.com:50000", "spring.datasource.url", "jdbc:db2://db2.example.com:50000/orders"),
				row("", "spring.datasource.url", "jdbc:tc:postgresql:16:///orders"),
				// Drivers portend doesn't know
				row("datasource=ch.example.com:8123", "spring.datasource.url", "jdbc:clickhouse://ch.example.com:8123/default"),
				row("WARN spring.datasource.url ~no default port for 'jdbc:clickhouse:'", "spring.datasource.url",
						"jdbc:clickhouse://ch.example.com/default"),
				row("WARN spring.datasource.url ~'jdbc:odbc:'", "spring.datasource.url", "jdbc:odbc:orders"),
				row("WARN spring.datasource.url ~starts with 'jdbc:'", "spring.datasource.url",
						"postgresql://alice:s3cret@db.example.com/orders"),
				row("WARN spring.datasource.url ~placeholder", "spring.datasource.url",
						"jdbc:postgresql://${DB_HOST}/orders"),
				row("datasource=pg.example.com:5432", "spring.datasource.url", "jdbc:postgresql://${db.host}/orders",
						"db.host", "pg.example.com"),
				// R2DBC
				row("r2dbc=pg.example.com:5432", "spring.r2dbc.url", "r2dbc:postgresql://alice:s3cret@pg.example.com/orders"),
				row("r2dbc=pg.example.com:6543", "spring.r2dbc.url",
						"r2dbc:pool:postgresql://pg.example.com:6543/orders?initialSize=2"),
				row("r2dbc-1=pg1.example.com:5432, r2dbc-2=pg2.example.com:5433", "spring.r2dbc.url",
						"r2dbc:postgresql://pg1.example.com:5432,pg2.example.com:5433/orders"),
				row("r2dbc=mysql.example.com:3306", "spring.r2dbc.url", "r2dbcs:mysql://mysql.example.com/shop"),
				row("r2dbc=maria.example.com:3307", "spring.r2dbc.url", "r2dbc:mariadb://maria.example.com:3307/shop"),
				row("r2dbc=sql.example.com:1433", "spring.r2dbc.url", "r2dbc:mssql://sql.example.com/orders"),
				row("r2dbc=h2.example.com:9092", "spring.r2dbc.url", "r2dbc:h2:tcp://h2.example.com/~/orders"),
				row("", "spring.r2dbc.url", "r2dbc:h2:mem:///orders"),
				row("WARN spring.r2dbc.url ~starts with 'r2dbc:'", "spring.r2dbc.url",
						"postgresql://alice:s3cret@pg.example.com/orders"),
				// Redis
				row("redis=redis.example.com:6379", "spring.data.redis.host", "redis.example.com"),
				row("redis=localhost:6380", "spring.data.redis.port", "6380"),
				row("redis=redis.example.com:6390", "spring.data.redis.url", "rediss://:s3cret@redis.example.com:6390/2",
						"spring.data.redis.host", "ignored.example.com"),
				row("redis=redis.example.com:6379", "spring.data.redis.url", "redis://alice:s3cret@redis.example.com"),
				row("redis=[::1]:6380", "spring.data.redis.url", "redis://[::1]:6380/0"),
				row("redis-1=sentinel1.example.com:26379, redis-2=sentinel2.example.com:26380",
						"spring.data.redis.sentinel.master", "mymaster", "spring.data.redis.sentinel.nodes",
						"sentinel1.example.com:26379,sentinel2.example.com:26380", "spring.data.redis.host",
						"ignored.example.com"),
				row("redis-1=node1.example.com:7000, redis-2=node2.example.com:7001, redis-3=node3.example.com:7002",
						"spring.data.redis.cluster.nodes",
						"node1.example.com:7000,node2.example.com:7001,node3.example.com:7002"),
				row("WARN spring.data.redis.url ~redis://", "spring.data.redis.url", "http://alice:s3cret@redis.example.com"),
				row("", "spring.data.redis.password", "s3cret"),
				// RabbitMQ
				row("rabbitmq-1=rabbit1.example.com:5673, rabbitmq-2=rabbit2.example.com:5671", "spring.rabbitmq.addresses",
						"amqp://alice:s3cret@rabbit1.example.com:5673/orders,amqps://rabbit2.example.com",
						"spring.rabbitmq.host", "ignored.example.com"),
				row("rabbitmq=rabbit.example.com:5671", "spring.rabbitmq.host", "rabbit.example.com",
						"spring.rabbitmq.ssl.enabled", "true"),
				row("rabbitmq=localhost:5673", "spring.rabbitmq.port", "5673"),
				row("WARN spring.rabbitmq.host ~spring.rabbitmq.addresses", "spring.rabbitmq.host",
						"rabbit1.example.com,rabbit2.example.com"),
				// Kafka
				row("kafka-1=kafka1.example.com:9092, kafka-2=kafka2.example.com:9093", "spring.kafka.bootstrap-servers",
						"kafka1.example.com:9092, kafka2.example.com:9093"),
				row("kafka=kafka.example.com:9094", "spring.kafka.bootstrap-servers[0]", "SASL_SSL://kafka.example.com:9094"),
				row("kafka-1=kafka1.example.com:9092, kafka-2=kafka2.example.com:9092", "spring.kafka.bootstrap-servers",
						"kafka1.example.com:9092", "spring.kafka.consumer.bootstrap-servers",
						"kafka2.example.com:9092,kafka1.example.com:9092"),
				row("kafka=kafka.example.com:9095", "env:SPRING_KAFKA_BOOTSTRAPSERVERS", "kafka.example.com:9095"),
				row("WARN spring.kafka.bootstrap-servers ~no port", "spring.kafka.bootstrap-servers", "kafka.example.com"),
				// MongoDB (spring.mongodb.* since Spring Boot 4)
				row("mongodb-1=mongo1.example.com:27018, mongodb-2=mongo2.example.com:27017", "spring.mongodb.uri",
						"mongodb://alice:s3cret@mongo1.example.com:27018,mongo2.example.com/orders?replicaSet=rs0",
						"spring.mongodb.host", "ignored.example.com"),
				row("WARN spring.mongodb.uri ~DNS SRV", "spring.mongodb.uri",
						"mongodb+srv://alice:s3cret@cluster0.example.net/orders"),
				row("mongodb-1=mongo.example.com:27019, mongodb-2=mongo2.example.com:27017, mongodb-3=mongo3.example.com:27020",
						"spring.mongodb.host", "mongo.example.com", "spring.mongodb.port", "27019",
						"spring.mongodb.additional-hosts", "mongo2.example.com,mongo3.example.com:27020"),
				row("", "spring.data.mongodb.uri", "mongodb://mongo.example.com/orders"),
				// Elasticsearch
				row("elasticsearch=es.example.com:443", "spring.elasticsearch.uris", "https://alice:s3cret@es.example.com"),
				row("elasticsearch-1=es1.example.com:9200, elasticsearch-2=es2.example.com:9201",
						"spring.elasticsearch.uris", "http://es1.example.com:9200,es2.example.com:9201"),
				// Cassandra
				row("cassandra-1=cass1.example.com:9043, cassandra-2=cass2.example.com:9044",
						"spring.cassandra.contact-points", "cass1.example.com:9043,cass2.example.com", "spring.cassandra.port",
						"9044"),
				row("cassandra=127.0.0.1:9042", "spring.cassandra.port", "9050"),
				row("cassandra=[::1]:9042", "spring.cassandra.contact-points", "[::1]:9042"),
				// Nothing configured
				row("", "spring.application.name", "orders"));
	}

	@ParameterizedTest(name = "[{index}] {1} -> {0}")
	@MethodSource("settings")
	void discoversTheServersTheSettingsConnectTo(String expected, Map<String, String> properties) {
		ConnectionDiscovery.Result result = ConnectionDiscovery.discover(environment(properties), Set.of());
		List<String> found = new ArrayList<>();
		// Addresses only: which protocol each source speaks is another test's business.
		result.targets().forEach((target) -> found.add(target.name() + "=" + target.address().withProtocol(Protocol.TCP)));
		result.warnings().forEach((warning) -> found.add("WARN " + warnedProperty(warning)));
		String[] expectation = expected.split(" ~", 2);
		assertThat(String.join(", ", found)).isEqualTo(expectation[0]);
		if (expectation.length > 1) {
			assertThat(result.warnings()).singleElement().asString().contains(expectation[1]);
		}
		for (String credential : CREDENTIALS) {
			assertThat(result.toString()).doesNotContain(credential);
		}
	}

	@Test
	void targetsNameTheirSourceAndProperty() {
		ConnectionDiscovery.Result result = ConnectionDiscovery.discover(environment(Map.of("spring.data.redis.port",
				"6380", "spring.kafka.consumer.bootstrap-servers", "kafka.example.com:9092")), Set.of());
		assertThat(result.targets()).containsExactly(
				new DiscoveredTarget("redis", "redis", "spring.data.redis.port", HostPort.parse("redis://localhost:6380")),
				new DiscoveredTarget("kafka", "kafka", "spring.kafka.consumer.bootstrap-servers",
						HostPort.parse("kafka://kafka.example.com:9092")));
	}

	@Test
	void discoversEverySourceInOrder() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.cassandra.contact-points", "cassandra.example.com");
		properties.put("spring.elasticsearch.uris", "http://es.example.com:9200");
		properties.put("spring.mongodb.host", "mongo.example.com");
		properties.put("spring.kafka.bootstrap-servers", "kafka.example.com:9092");
		properties.put("spring.rabbitmq.host", "rabbit.example.com");
		properties.put("spring.data.redis.host", "redis.example.com");
		properties.put("spring.r2dbc.url", "r2dbc:postgresql://pg.example.com/orders");
		properties.put("spring.datasource.url", "jdbc:postgresql://pg.example.com/orders");
		ConnectionDiscovery.Result result = ConnectionDiscovery.discover(environment(properties), Set.of());
		assertThat(result.targets()).extracting(DiscoveredTarget::name).containsExactlyElementsOf(ConnectionDiscovery.SOURCES);
		assertThat(result.warnings()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			spring.datasource.url            | jdbc:postgresql://pg.example.com/orders  | POSTGRESQL
			spring.datasource.url            | jdbc:mariadb://db.example.com/orders     | MYSQL
			spring.datasource.url            | jdbc:sqlserver://db.example.com:1433     | TCP
			spring.r2dbc.url                 | r2dbc:postgres://pg.example.com/orders   | POSTGRESQL
			spring.r2dbc.url                 | r2dbc:mysql://db.example.com/orders      | MYSQL
			spring.data.redis.host           | redis.example.com                        | REDIS
			spring.data.redis.url            | rediss://redis.example.com               | TCP
			spring.rabbitmq.addresses        | amqp://rabbit.example.com                | AMQP
			spring.rabbitmq.addresses        | amqps://rabbit.example.com               | TCP
			spring.kafka.bootstrap-servers   | kafka.example.com:9092                   | KAFKA
			spring.mongodb.uri               | mongodb://mongo.example.com/orders       | MONGODB
			spring.mongodb.uri               | mongodb://mongo.example.com/?tls=true    | TCP
			spring.elasticsearch.uris        | http://es.example.com:9200               | HTTP
			spring.elasticsearch.uris        | https://es.example.com:9200              | TCP
			spring.cassandra.contact-points  | cassandra.example.com                    | TCP
			""")
	void protocolFollowsTheSourceUnlessItsSettingsAskForTls(String property, String value, Protocol protocol) {
		ConnectionDiscovery.Result result = ConnectionDiscovery.discover(environment(Map.of(property, value)), Set.of());
		assertThat(result.targets()).singleElement()
			.satisfies((target) -> assertThat(target.address().protocol()).isEqualTo(protocol));
	}

	@Test
	void kafkaBehindTlsOrSaslIsCheckedOverTcp() {
		ConnectionDiscovery.Result result = ConnectionDiscovery.discover(environment(Map.of(
				"spring.kafka.bootstrap-servers", "kafka.example.com:9093", "spring.kafka.security.protocol", "SASL_SSL")),
				Set.of());
		assertThat(result.targets()).singleElement()
			.satisfies((target) -> assertThat(target.address().protocol()).isEqualTo(Protocol.TCP));
	}

	@Test
	void excludedSourcesAreNeitherDiscoveredNorWarnedAbout() {
		Map<String, String> properties = Map.of("spring.data.redis.url", "not a url", "spring.kafka.bootstrap-servers",
				"kafka1.example.com:9092,kafka2.example.com:9092", "spring.datasource.url",
				"jdbc:postgresql://pg.example.com/orders");
		ConnectionDiscovery.Result result = ConnectionDiscovery.discover(environment(properties), Set.of("redis", " Kafka"));
		assertThat(result.targets()).extracting(DiscoveredTarget::name).containsExactly("datasource");
		assertThat(result.warnings()).isEmpty();
	}

	@Test
	void excludingAnUnknownSourceFailsNamingItAndTheKnownOnes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ConnectionDiscovery.discover(environment(Map.of()), Set.of("reddis")))
			.withMessage("Unknown source 'reddis' to exclude from discovery; the sources are datasource, r2dbc, redis, "
					+ "rabbitmq, kafka, mongodb, elasticsearch, cassandra.");
	}

	@Test
	void aWarningNamesTheSourceThePropertyAndTheWayOut() {
		ConnectionDiscovery.Result result = ConnectionDiscovery.discover(
				environment(Map.of("spring.mongodb.uri", "mongodb+srv://alice:s3cret@cluster0.example.net/orders")),
				Set.of());
		assertThat(result.targets()).isEmpty();
		assertThat(result.warnings()).containsExactly("Not waiting for mongodb: spring.mongodb.uri: a mongodb+srv "
				+ "address lists its hosts and ports in DNS SRV records, read at connection time; list the hosts in "
				+ "portend.wait-for instead. Fix the property, or exclude the source with "
				+ "portend.discover-exclude=mongodb.");
	}

	@Test
	void oneBadSourceDoesNotHideTheOthers() {
		ConnectionDiscovery.Result result = ConnectionDiscovery.discover(environment(Map.of("spring.datasource.url",
				"jdbc:postgresql://pg.example.com:0/orders", "spring.data.redis.host", "redis.example.com")), Set.of());
		assertThat(result.targets()).extracting(DiscoveredTarget::name).containsExactly("redis");
		assertThat(result.warnings()).singleElement()
			.asString()
			.startsWith("Not waiting for datasource: spring.datasource.url: a port is not a number from 1 to 65535.");
	}

	@Test
	void aPortPropertyThatIsNotANumberIsNamed() {
		ConnectionDiscovery.Result result = ConnectionDiscovery.discover(
				environment(Map.of("spring.rabbitmq.host", "rabbit.example.com", "spring.rabbitmq.port", "s3cret")),
				Set.of());
		assertThat(result.warnings()).singleElement()
			.asString()
			.startsWith("Not waiting for rabbitmq: spring.rabbitmq.port: a port is not a number")
			.doesNotContain("s3cret");
	}

	/**
	 * Returns the property a warning names: "Not waiting for source: property: reason".
	 */
	private static String warnedProperty(String warning) {
		String afterSource = warning.substring(warning.indexOf(": ") + 2);
		return afterSource.substring(0, afterSource.indexOf(": "));
	}

	/**
	 * Returns an environment with the properties; names starting with {@code env:} are
	 * environment variables.
	 */
	private static StandardEnvironment environment(Map<String, String> properties) {
		Map<String, Object> application = new LinkedHashMap<>();
		Map<String, Object> variables = new LinkedHashMap<>();
		properties.forEach((name, value) -> {
			if (name.startsWith("env:")) {
				variables.put(name.substring(4), value);
			}
			else {
				application.put(name, value);
			}
		});
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new MapPropertySource("application", application));
		environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					variables));
		return environment;
	}

	private static Arguments row(String expected, String... namesAndValues) {
		Map<String, String> properties = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			properties.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return Arguments.of(expected, properties);
	}

}
