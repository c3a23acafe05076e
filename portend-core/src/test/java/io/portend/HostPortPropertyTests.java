package io.portend;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link HostPort#parse(String)} over arbitrary text: it either gives a value that
 * reads back from its own {@code toString()}, or rejects the text with an
 * {@link IllegalArgumentException} naming it. Nothing else escapes.
 */
class HostPortPropertyTests {

	@Property(tries = 2000)
	void anyTextRoundTripsOrIsRejectedNamingIt(@ForAll String text) {
		assertRoundTripsOrIsRejected(text);
	}

	@Property(tries = 2000)
	void hostPortLikeTextRoundTripsOrIsRejectedNamingIt(@ForAll("hostPortLike") String text) {
		Statistics.collect(assertRoundTripsOrIsRejected(text) ? "parses" : "rejected");
		// The generator must exercise both outcomes, or the property proves little.
		Statistics.coverage((coverage) -> {
			coverage.check("parses").percentage((percent) -> percent >= 5);
			coverage.check("rejected").percentage((percent) -> percent >= 5);
		});
	}

	/**
	 * Every IPv6 host that parses is one to the JDK too, so checks connect where the text says.
	 * The JDK reads such text as a literal and never looks it up: it starts with a hex digit or ':'.
	 */
	@Property(tries = 2000)
	void ipv6HostThatParsesIsAnIpv6LiteralToTheJdk(@ForAll("bracketed") String text) throws UnknownHostException {
		HostPort hostPort;
		try {
			hostPort = HostPort.parse(text);
			Statistics.collect("parses");
		}
		catch (IllegalArgumentException ex) {
			Statistics.collect("rejected");
			return;
		}
		finally {
			Statistics.coverage((coverage) -> coverage.check("parses").percentage((percent) -> percent >= 5));
		}
		String host = hostPort.host();
		int zone = host.indexOf('%');
		String address = (zone < 0) ? host : host.substring(0, zone);
		assertThat(address).matches("[0-9a-fA-F:].*");
		assertThat(InetAddress.getByName(address)).isNotNull();
		assertThat(InetAddress.getByName(address) instanceof Inet6Address || address.contains("."))
			.as("%s is an IPv6 address or an IPv4-mapped one", address)
			.isTrue();
	}

	@Provide
	Arbitrary<String> hostPortLike() {
		Arbitrary<String> host = Arbitraries.oneOf(names(), ipv4(), ipv6().map((ipv6) -> "[" + ipv6 + "]"), ipv6(),
				Arbitraries.strings().withChars("[]:%.-_/ 0123456789abcdefz").ofMaxLength(20));
		Arbitrary<String> separator = Arbitraries.frequency(Tuple.of(12, ":"), Tuple.of(1, ""), Tuple.of(1, "::"),
				Tuple.of(1, "]:"), Tuple.of(1, " :"), Tuple.of(1, ":+"), Tuple.of(1, ":-"));
		Arbitrary<String> port = Arbitraries.frequencyOf(
				Tuple.of(4, Arbitraries.integers().between(-2, 70_000).map(String::valueOf)),
				Tuple.of(1, Arbitraries.strings().withChars("0123456789x+- ").ofMaxLength(8)));
		return Combinators.combine(host, separator, port).as((h, s, p) -> h + s + p);
	}

	@Provide
	Arbitrary<String> bracketed() {
		return ipv6().map((address) -> "[" + address + "]:80");
	}

	private static Arbitrary<String> names() {
		return Arbitraries.strings().withChars("abcxyzABC019.-_").ofMinLength(1).ofMaxLength(30);
	}

	private static Arbitrary<String> ipv4() {
		return Arbitraries.integers().between(0, 260).list().ofSize(4).map((parts) -> String.join(".",
				parts.stream().map(String::valueOf).toList()));
	}

	/**
	 * IPv6 literals in every form (full, compressed with '::', with a dotted IPv4 tail, with a
	 * zone), and text close to them: hex groups and dotted parts joined at random by ':' or '::'.
	 */
	private static Arbitrary<String> ipv6() {
		Arbitrary<String> group = Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(1).ofMaxLength(4);
		Arbitrary<String> full = group.list().ofSize(8).map((groups) -> String.join(":", groups));
		Arbitrary<String> compressed = Combinators.combine(group.list().ofMaxSize(4), group.list().ofMaxSize(3))
			.as((head, tail) -> String.join(":", head) + "::" + String.join(":", tail));
		Arbitrary<String> ipv4Tail = Combinators.combine(group.list().ofSize(6), ipv4())
			.as((groups, ipv4) -> String.join(":", groups) + ":" + ipv4);
		Arbitrary<String> part = Arbitraries.frequencyOf(Tuple.of(8, group), Tuple.of(1, Arbitraries.just("")),
				Tuple.of(1, ipv4()));
		Arbitrary<String> separator = Arbitraries.frequency(Tuple.of(6, ":"), Tuple.of(2, "::"), Tuple.of(1, ""));
		Arbitrary<String> random = Combinators.combine(part, separator)
			.as(String::concat)
			.list()
			.ofMaxSize(9)
			.map((parts) -> String.join("", parts));
		Arbitrary<String> address = Arbitraries.frequencyOf(Tuple.of(2, full), Tuple.of(2, compressed),
				Tuple.of(1, ipv4Tail), Tuple.of(5, random));
		Arbitrary<String> zone = Arbitraries.frequency(Tuple.of(6, ""), Tuple.of(1, "%eth0"), Tuple.of(1, "%"),
				Tuple.of(1, "%a b"));
		return Combinators.combine(address, zone).as(String::concat);
	}

	/**
	 * Asserts the property for one text, and returns whether it parsed.
	 */
	private static boolean assertRoundTripsOrIsRejected(String text) {
		HostPort hostPort;
		try {
			hostPort = HostPort.parse(text);
		}
		catch (IllegalArgumentException ex) {
			String what = text.contains("://") ? "target" : "host:port";
			assertThat(ex.getMessage()).startsWith("Invalid " + what + " '" + text + "': ");
			return false;
		}
		assertThat(HostPort.parse(hostPort.toString())).isEqualTo(hostPort);
		if (!text.contains("://")) {
			assertThat(new HostPort(hostPort.host(), hostPort.port())).isEqualTo(hostPort);
		}
		return true;
	}

}
