package io.portend;

import java.net.InetSocketAddress;

/**
 * A TCP host and port, such as {@code localhost:5432} or {@code [::1]:8080}. Immutable, with
 * value semantics: two instances are equal when their host strings and ports are equal (hosts
 * are compared as written, so {@code ::1} and {@code 0:0:0:0:0:0:0:1} differ).
 *
 * <p>A host is a host name, an IPv4 literal or an IPv6 literal (without brackets, optionally with
 * a {@code %zone}). A host name has at most 253 characters of ASCII letters, digits, {@code .},
 * {@code -} and {@code _}. A port is between 1 and 65535: port 0 means "any port" to a server and
 * can never be connected to.
 *
 * <p>Nothing here resolves names: validation is purely textual, so an unknown host is reported
 * when a check runs, not when a {@code HostPort} is made.
 */
public final class HostPort {

	private static final int MAX_HOST_LENGTH = 253;

	private final String host;

	private final int port;

	/**
	 * Creates a host and port, validating both.
	 * @param host a host name or an IPv4 or IPv6 literal, without brackets
	 * @param port a port between 1 and 65535
	 * @throws IllegalArgumentException if the host is null, empty or malformed, or the port is
	 * out of range; the message names the offending value
	 */
	public HostPort(String host, int port) {
		String problem = hostProblem(host);
		if (problem != null) {
			throw new IllegalArgumentException("Invalid host '" + host + "': " + problem + ".");
		}
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("Invalid port " + port + " for host '" + host
					+ "': a port must be between 1 and 65535.");
		}
		this.host = host;
		this.port = port;
	}

	/**
	 * Parses {@code host:port}, or {@code [ipv6]:port} for an IPv6 literal, as portend's
	 * {@code HostPort('localhost:32768')} does. The text is taken strictly, with nothing trimmed
	 * and no default port:
	 * <ul>
	 * <li>{@code "localhost:80"}, {@code "127.0.0.1:80"}, {@code "[::1]:80"}, {@code "[fe80::1%eth0]:80"},
	 * {@code "db_1:080"} (leading zeros are ignored) parse;</li>
	 * <li>empty or blank text, {@code "host"}, {@code "host:"} and {@code "[::1]"} lack a port;
	 * {@code ":80"} lacks a host;</li>
	 * <li>{@code "host:0"}, {@code "host:65536"}, {@code "host:-1"}, {@code "host:80x"} and
	 * {@code "host:+80"} have a port that is not a number from 1 to 65535 (only ASCII digits are
	 * accepted);</li>
	 * <li>{@code " host:80 "} and hosts with spaces or a slash contain characters no host has;</li>
	 * <li>{@code "::1:80"} and {@code "host:80:90"} are ambiguous: an IPv6 literal needs brackets;</li>
	 * <li>{@code "[::1"}, {@code "[::1]80"} and {@code "[zz]:80"} are malformed bracketed literals;</li>
	 * <li>a host longer than 253 characters is too long for DNS.</li>
	 * </ul>
	 * @param text the text to parse
	 * @return the host and port
	 * @throws IllegalArgumentException naming the text and what is wrong with it
	 */
	public static HostPort parse(String text) {
		if (text == null || text.isBlank()) {
			throw invalid(text, "expected host:port");
		}
		String host;
		String port;
		if (text.startsWith("[")) {
			int close = text.indexOf(']');
			if (close < 0) {
				throw invalid(text, "missing ']' after the IPv6 address");
			}
			if (close == text.length() - 1) {
				throw invalid(text, "missing port after ']'");
			}
			if (text.charAt(close + 1) != ':') {
				throw invalid(text, "expected ':' after ']'");
			}
			host = text.substring(1, close);
			if (host.indexOf(':') < 0) {
				throw invalid(text, "brackets are only for IPv6 addresses");
			}
			port = text.substring(close + 2);
		}
		else {
			int colon = text.lastIndexOf(':');
			if (colon < 0) {
				throw invalid(text, "missing ':port'");
			}
			host = text.substring(0, colon);
			port = text.substring(colon + 1);
			if (host.indexOf(':') >= 0) {
				throw invalid(text, "too many ':'; write an IPv6 address in brackets, as in [::1]:80");
			}
		}
		if (host.isEmpty()) {
			throw invalid(text, "missing host before ':'");
		}
		String problem = hostProblem(host);
		if (problem != null) {
			throw invalid(text, problem);
		}
		return new HostPort(host, parsePort(text, port));
	}

	/**
	 * Parses {@code host:port} text, as {@link #parse(String)} does. This is the name under
	 * which frameworks find a type's conversion from text, such as Spring's conversion service
	 * when it binds configuration properties.
	 * @param text the text to parse
	 * @return the host and port
	 * @throws IllegalArgumentException naming the text and what is wrong with it
	 */
	public static HostPort valueOf(String text) {
		return parse(text);
	}

	/**
	 * Returns the address a client connects to for a socket address, as portend's
	 * {@code HostPort.from_addr} does: its host goes through {@link Portend#clientHost(String)},
	 * so a listener bound on {@code 0.0.0.0} gives {@code 127.0.0.1:PORT}, and one bound on
	 * {@code ::} (which Java prints {@code 0:0:0:0:0:0:0:0}) gives {@code [::1]:PORT}. Never
	 * resolves: the host is {@link InetSocketAddress#getHostString()}.
	 * @param address the socket address, for example a listener's local address
	 * @return the host and port to connect to
	 * @throws IllegalArgumentException if the address is null or its port is 0
	 */
	public static HostPort fromAddress(InetSocketAddress address) {
		if (address == null) {
			throw new IllegalArgumentException("Address must not be null.");
		}
		return new HostPort(Hosts.clientHost(address.getHostString()), address.getPort());
	}

	/**
	 * Returns the host: a name or an IP literal, an IPv6 literal without brackets.
	 * @return the host
	 */
	public String host() {
		return this.host;
	}

	/**
	 * Returns the port, between 1 and 65535.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		return other instanceof HostPort that && this.port == that.port && this.host.equals(that.host);
	}

	@Override
	public int hashCode() {
		return 31 * this.host.hashCode() + this.port;
	}

	/**
	 * Returns {@code host:port}, or {@code [host]:port} for an IPv6 literal: text that
	 * {@link #parse(String)} reads back to an equal value.
	 */
	@Override
	public String toString() {
		return (this.host.indexOf(':') >= 0) ? "[" + this.host + "]:" + this.port : this.host + ":" + this.port;
	}

	private static int parsePort(String text, String port) {
		if (port.isEmpty()) {
			throw invalid(text, "missing port after ':'");
		}
		for (int i = 0; i < port.length(); i++) {
			char c = port.charAt(i);
			if (c < '0' || c > '9') {
				throw invalid(text, "port '" + port + "' is not a number from 1 to 65535");
			}
		}
		String digits = stripLeadingZeros(port);
		int value = (digits.length() > 5) ? Integer.MAX_VALUE : Integer.parseInt(digits);
		if (value < 1 || value > 65535) {
			throw invalid(text, "port " + port + " is out of range; a port must be between 1 and 65535");
		}
		return value;
	}

	private static String stripLeadingZeros(String digits) {
		int start = 0;
		while (start < digits.length() - 1 && digits.charAt(start) == '0') {
			start++;
		}
		return digits.substring(start);
	}

	/**
	 * Returns what is wrong with a host, or {@code null} when it is well formed.
	 */
	private static String hostProblem(String host) {
		if (host == null || host.isEmpty()) {
			return "a host must not be empty";
		}
		if (host.length() > MAX_HOST_LENGTH) {
			return "a host has at most " + MAX_HOST_LENGTH + " characters, this one has " + host.length();
		}
		if (host.indexOf(':') >= 0) {
			return Hosts.isIpv6Literal(host) ? null : "not a valid IPv6 address";
		}
		for (int i = 0; i < host.length(); i++) {
			char c = host.charAt(i);
			if (!Hosts.isNameChar(c)) {
				return "character '" + c + "' is not allowed in a host name";
			}
		}
		return null;
	}

	private static IllegalArgumentException invalid(String text, String problem) {
		String shown = (text == null) ? "null" : "'" + text + "'";
		return new IllegalArgumentException("Invalid host:port " + shown + ": " + problem + ".");
	}

}
