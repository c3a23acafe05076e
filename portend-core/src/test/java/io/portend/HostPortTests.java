package io.portend;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.stream.Stream;

import io.portend.servers.Listeners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@link HostPort}: parsing, validation and value semantics.
 */
class HostPortTests {

	private static final String LONG_HOST = "a".repeat(300);

	static Stream<Arguments> malformed() {
		return Stream.of(arguments("", "expected host:port"), arguments("   ", "expected host:port"),
				arguments("host", "missing ':port'"), arguments(":80", "missing host before ':'"),
				arguments("host:", "missing port after ':'"),
				arguments("host:0", "port 0 is out of range; a port must be between 1 and 65535"),
				arguments("host:65536", "port 65536 is out of range; a port must be between 1 and 65535"),
				arguments("host:99999999999", "port 99999999999 is out of range; a port must be between 1 and 65535"),
				arguments("host:-1", "port '-1' is not a number from 1 to 65535"),
				arguments("host:80x", "port '80x' is not a number from 1 to 65535"),
				arguments("host:+80", "port '+80' is not a number from 1 to 65535"),
				arguments("host:８０", "port '８０' is not a number from 1 to 65535"),
				arguments(" host:80 ", "character ' ' is not allowed in a host name"),
				arguments("::1:80", "too many ':'; write an IPv6 address in brackets, as in [::1]:80"),
				arguments("host:80:90", "too many ':'; write an IPv6 address in brackets, as in [::1]:80"),
				arguments("[::1", "missing ']' after the IPv6 address"), arguments("[::1]", "missing port after ']'"),
				arguments("[::1]80", "expected ':' after ']'"), arguments("[::1]:", "missing port after ':'"),
				arguments("[zz]:80", "brackets are only for IPv6 addresses"),
				arguments("[127.0.0.1]:80", "brackets are only for IPv6 addresses"),
				arguments("[::zz]:80", "not a valid IPv6 address"), arguments("[1:2:3:4:5:6:7:8:9]:80", "not a valid IPv6 address"),
				arguments("[1::2::3]:80", "not a valid IPv6 address"),
				arguments("[1.2.3.4::]:80", "not a valid IPv6 address"), arguments("[1.2.3.4::1]:80", "not a valid IPv6 address"),
				arguments("[::1.2.3.4:1]:80", "not a valid IPv6 address"), arguments("[fe80::1%]:80", "not a valid IPv6 address"),
				arguments("[]:80", "brackets are only for IPv6 addresses"),
				arguments(LONG_HOST + ":80", "a host has at most 253 characters, this one has 300"),
				arguments("my host:80", "character ' ' is not allowed in a host name"),
				arguments("my/host:80", "character '/' is not allowed in a host name"),
				arguments("höst:80", "character 'ö' is not allowed in a host name"));
	}

	@ParameterizedTest(name = "\"{0}\"")
	@MethodSource("malformed")
	void malformedTextIsRejectedNamingIt(String text, String problem) {
		assertThatIllegalArgumentException().isThrownBy(() -> HostPort.parse(text))
			.withMessage("Invalid host:port '%s': %s.", text, problem);
	}

	@Test
	void nullTextIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> HostPort.parse(null))
			.withMessage("Invalid host:port null: expected host:port.");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			localhost:80               | localhost          | 80
			127.0.0.1:5432             | 127.0.0.1          | 5432
			[::1]:80                   | ::1                | 80
			[fe80::1%eth0]:80          | fe80::1%eth0       | 80
			db_1:080                   | db_1               | 80
			[::ffff:127.0.0.1]:5432    | ::ffff:127.0.0.1   | 5432
			[0:0:0:0:0:0:0:0]:1        | 0:0:0:0:0:0:0:0    | 1
			my-host.example.com:65535  | my-host.example.com | 65535
			""")
	void wellFormedTextParses(String text, String host, int port) {
		HostPort hostPort = HostPort.parse(text);
		assertThat(hostPort.host()).isEqualTo(host);
		assertThat(hostPort.port()).isEqualTo(port);
		assertThat(HostPort.parse(hostPort.toString())).isEqualTo(hostPort);
	}

	@Test
	void valueOfParsesAsParseDoes() {
		assertThat(HostPort.valueOf("[::1]:5432")).isEqualTo(HostPort.parse("[::1]:5432"));
		assertThatIllegalArgumentException().isThrownBy(() -> HostPort.valueOf("localhost:0"))
			.withMessage(catchThrowable(() -> HostPort.parse("localhost:0")).getMessage());
	}

	@Test
	void hostOfMaximumLengthParses() {
		String host = "a".repeat(253);
		assertThat(HostPort.parse(host + ":1").host()).isEqualTo(host);
	}

	@Test
	void constructorRejectsPortOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HostPort("localhost", 0))
			.withMessage("Invalid port 0 for host 'localhost': a port must be between 1 and 65535.");
		assertThatIllegalArgumentException().isThrownBy(() -> new HostPort("localhost", 65536))
			.withMessage("Invalid port 65536 for host 'localhost': a port must be between 1 and 65535.");
	}

	@Test
	void constructorRejectsMissingOrMalformedHost() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HostPort(null, 80))
			.withMessage("Invalid host 'null': a host must not be empty.");
		assertThatIllegalArgumentException().isThrownBy(() -> new HostPort("", 80))
			.withMessage("Invalid host '': a host must not be empty.");
		assertThatIllegalArgumentException().isThrownBy(() -> new HostPort("[::1]", 80))
			.withMessage("Invalid host '[::1]': not a valid IPv6 address.");
		assertThatIllegalArgumentException().isThrownBy(() -> new HostPort("a b", 80))
			.withMessage("Invalid host 'a b': character ' ' is not allowed in a host name.");
	}

	@Test
	void fromAddressTakesHostStringWithoutResolving() {
		InetSocketAddress unresolved = InetSocketAddress.createUnresolved("db.invalid", 5432);
		assertThat(HostPort.fromAddress(unresolved)).isEqualTo(new HostPort("db.invalid", 5432));
		InetSocketAddress literal = new InetSocketAddress(Listeners.IPV6_LOOPBACK, 8080);
		assertThat(HostPort.fromAddress(literal)).hasToString("[0:0:0:0:0:0:0:1]:8080");
	}

	@Test
	void fromAddressOfABindAllAddressGivesTheLoopbackAddressToConnectTo() throws Exception {
		// What a listener bound on all interfaces reports as its local address.
		InetSocketAddress ipv4 = new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 8080);
		InetSocketAddress ipv6 = new InetSocketAddress(InetAddress.getByName("::"), 8080);
		assertThat(ipv6.getHostString()).isEqualTo("0:0:0:0:0:0:0:0");
		assertThat(HostPort.fromAddress(ipv4)).hasToString("127.0.0.1:8080");
		assertThat(HostPort.fromAddress(ipv6)).hasToString("[::1]:8080");
	}

	@Test
	void fromAddressRejectsNullAndPortZero() {
		assertThatIllegalArgumentException().isThrownBy(() -> HostPort.fromAddress(null))
			.withMessage("Address must not be null.");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> HostPort.fromAddress(new InetSocketAddress(Listeners.IPV4_LOOPBACK, 0)))
			.withMessage("Invalid port 0 for host '127.0.0.1': a port must be between 1 and 65535.");
	}

	@Test
	void equalWhenHostAndPortAreEqual() {
		HostPort hostPort = new HostPort("localhost", 80);
		assertThat(hostPort).isEqualTo(HostPort.parse("localhost:80")).hasSameHashCodeAs(HostPort.parse("localhost:80"));
		assertThat(hostPort).isEqualTo(hostPort);
		assertThat(hostPort).isNotEqualTo(new HostPort("localhost", 81));
		assertThat(hostPort).isNotEqualTo(new HostPort("LOCALHOST", 80));
		assertThat(hostPort).isNotEqualTo("localhost:80");
		assertThat(hostPort).isNotEqualTo(null);
		// Hosts are compared as written.
		assertThat(new HostPort("::1", 80)).isNotEqualTo(new HostPort("0:0:0:0:0:0:0:1", 80));
	}

	@Test
	void toStringBracketsIpv6() {
		assertThat(new HostPort("localhost", 80)).hasToString("localhost:80");
		assertThat(new HostPort("::1", 80)).hasToString("[::1]:80");
		assertThat(new HostPort("fe80::1%eth0", 80)).hasToString("[fe80::1%eth0]:80");
	}

}
