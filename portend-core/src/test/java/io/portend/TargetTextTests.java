package io.portend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Targets that name their protocol: {@code [scheme://]host[:port][/path]} text, default ports,
 * paths, and the messages for text that is wrong.
 */
class TargetTextTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			postgresql://db            | POSTGRESQL | db        | 5432  | ''        | postgresql://db:5432
			postgres://db:6543         | POSTGRESQL | db        | 6543  | ''        | postgresql://db:6543
			POSTGRESQL://db            | POSTGRESQL | db        | 5432  | ''        | postgresql://db:5432
			mysql://db                 | MYSQL      | db        | 3306  | ''        | mysql://db:3306
			mariadb://db               | MYSQL      | db        | 3306  | ''        | mysql://db:3306
			redis://cache              | REDIS      | cache     | 6379  | ''        | redis://cache:6379
			kafka://broker             | KAFKA      | broker    | 9092  | ''        | kafka://broker:9092
			amqp://mq                  | AMQP       | mq        | 5672  | ''        | amqp://mq:5672
			rabbitmq://mq              | AMQP       | mq        | 5672  | ''        | amqp://mq:5672
			mongodb://docs             | MONGODB    | docs      | 27017 | ''        | mongodb://docs:27017
			http://web                 | HTTP       | web       | 80    | /         | http://web:80
			http://web:8080/health     | HTTP       | web       | 8080  | /health   | http://web:8080/health
			http://[::1]:8080/a?b=c    | HTTP       | ::1       | 8080  | /a?b=c    | http://[::1]:8080/a?b=c
			http://[::1]/              | HTTP       | ::1       | 80    | /         | http://[::1]:80
			redis://[::1]              | REDIS      | ::1       | 6379  | ''        | redis://[::1]:6379
			tcp://db:5432              | TCP        | db        | 5432  | ''        | db:5432
			db:5432                    | TCP        | db        | 5432  | ''        | db:5432
			""")
	void schemeNamesTheProtocolAndItsDefaultPort(String text, Protocol protocol, String host, int port, String path,
			String shown) {
		HostPort target = HostPort.parse(text);
		assertThat(target.protocol()).isEqualTo(protocol);
		assertThat(target.host()).isEqualTo(host);
		assertThat(target.port()).isEqualTo(port);
		assertThat(target.path()).isEqualTo(path);
		assertThat(target).hasToString(shown);
		assertThat(HostPort.parse(target.toString())).isEqualTo(target);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			postgre://db         | unknown scheme 'postgre'; expected one of tcp, postgresql (postgres), mysql (mariadb), redis, kafka, amqp (rabbitmq), mongodb, http
			://db:5432           | unknown scheme ''; expected one of tcp, postgresql (postgres), mysql (mariadb), redis, kafka, amqp (rabbitmq), mongodb, http
			tcp://db             | missing ':port'
			tcp://[::1]          | missing port after ']'
			redis://cache/0      | a path is only for http targets, not redis
			http://web:80x       | port '80x' is not a number from 1 to 65535
			http://web:8080health | port '8080health' is not a number from 1 to 65535
			http://web/a b       | character ' ' is not allowed in a path; encode it as a URL would
			postgresql://        | missing host before ':'
			postgresql://:5432   | missing host before ':'
			""")
	void malformedTargetIsRejectedNamingItAndWhatIsWrong(String text, String problem) {
		assertThatIllegalArgumentException().isThrownBy(() -> HostPort.parse(text))
			.withMessage("Invalid target '%s': %s.", text, problem);
	}

	@Test
	void targetsDifferingInProtocolOrPathAreNotEqual() {
		HostPort tcp = HostPort.parse("web:8080");
		HostPort http = tcp.withProtocol(Protocol.HTTP);
		assertThat(http).isNotEqualTo(tcp).isEqualTo(HostPort.parse("http://web:8080"));
		assertThat(http.withPath("/health")).isNotEqualTo(http).hasToString("http://web:8080/health");
		assertThat(http.withPath("/health").withProtocol(Protocol.TCP)).isEqualTo(tcp);
	}

	@Test
	void pathIsOnlyForHttp() {
		assertThatIllegalArgumentException().isThrownBy(() -> HostPort.parse("db:5432").withPath("/x"))
			.withMessage("Invalid path '/x' for db:5432: a path is only for http targets.");
		assertThatIllegalArgumentException().isThrownBy(() -> HostPort.parse("http://web").withPath("health"))
			.withMessage("Invalid path 'health' for http://web:80: a path starts with '/'.");
	}

	@Test
	void unknownSchemeNamesTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> Protocol.forScheme("pg"))
			.withMessage("Unknown scheme 'pg': expected one of tcp, postgresql (postgres), mysql (mariadb), redis, kafka, "
					+ "amqp (rabbitmq), mongodb, http.");
	}

}
