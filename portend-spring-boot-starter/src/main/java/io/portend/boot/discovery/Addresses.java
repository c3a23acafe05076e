package io.portend.boot.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.portend.HostPort;

/**
 * The pieces of connection URLs that every technology shares: authorities, host lists and
 * ports. Failures never quote the text, which may be a misplaced password.
 */
final class Addresses {

	private static final String NO_PORT = "a host has no port, and this technology has no default port";

	private Addresses() {
	}

	/**
	 * Returns the authority that follows {@code //}: everything up to the first {@code /},
	 * {@code ?} or {@code #} outside brackets and parentheses, without the user information.
	 * @param afterSlashes the text after {@code //}
	 */
	static String authority(String afterSlashes) {
		List<Integer> ends = positionsOutsideBrackets(afterSlashes, "/?#");
		return withoutUserInfo(ends.isEmpty() ? afterSlashes : afterSlashes.substring(0, ends.get(0)));
	}

	/**
	 * Drops {@code user:password@} from an authority. The last {@code @} outside brackets and
	 * parentheses counts, so that a stray {@code @} in a password never makes it a host.
	 */
	static String withoutUserInfo(String authority) {
		List<Integer> ats = positionsOutsideBrackets(authority, "@");
		return ats.isEmpty() ? authority : authority.substring(ats.get(ats.size() - 1) + 1);
	}

	/**
	 * Splits a list at the separators that are outside brackets, parentheses and braces.
	 */
	static List<String> split(String text, char separator) {
		List<String> parts = new ArrayList<>();
		int start = 0;
		for (int position : positionsOutsideBrackets(text, String.valueOf(separator))) {
			parts.add(text.substring(start, position));
			start = position + 1;
		}
		parts.add(text.substring(start));
		return parts;
	}

	/**
	 * Returns where the text has one of the characters outside brackets, parentheses and
	 * braces, which enclose IPv6 addresses, key=value hosts and quoted values.
	 */
	private static List<Integer> positionsOutsideBrackets(String text, String characters) {
		List<Integer> positions = new ArrayList<>();
		int depth = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '[' || c == '(' || c == '{') {
				depth++;
			}
			else if ((c == ']' || c == ')' || c == '}') && depth > 0) {
				depth--;
			}
			else if (depth == 0 && characters.indexOf(c) >= 0) {
				positions.add(i);
			}
		}
		return positions;
	}

	/**
	 * Parses a comma-separated list of {@code host[:port]} entries.
	 * @param hosts the list
	 * @param defaultPort the port of entries without one, or 0 if every entry needs a port
	 */
	static List<HostPort> hostList(String hosts, int defaultPort) {
		List<HostPort> addresses = new ArrayList<>();
		for (String host : split(hosts, ',')) {
			addresses.add(hostPort(host.trim(), defaultPort));
		}
		return addresses;
	}

	/**
	 * Parses {@code host}, {@code host:port}, {@code [ipv6]} or {@code [ipv6]:port}.
	 * @param spec the text
	 * @param defaultPort the port when none is given, or 0 if a port is needed
	 */
	static HostPort hostPort(String spec, int defaultPort) {
		String host;
		String port = null;
		if (spec.startsWith("[")) {
			int close = spec.indexOf(']');
			if (close < 0) {
				throw new UndiscoverableException("an IPv6 address lacks its closing ']'");
			}
			host = spec.substring(1, close);
			String rest = spec.substring(close + 1);
			if (!rest.isEmpty()) {
				if (rest.charAt(0) != ':') {
					throw new UndiscoverableException("an IPv6 address in brackets is followed by something else than ':port'");
				}
				port = rest.substring(1);
			}
		}
		else {
			int colon = spec.lastIndexOf(':');
			if (colon >= 0) {
				if (spec.indexOf(':') != colon) {
					throw new UndiscoverableException("a host has several ':'; write an IPv6 address in brackets, as in [::1]:5432");
				}
				port = spec.substring(colon + 1);
				host = spec.substring(0, colon);
			}
			else {
				host = spec;
			}
		}
		if (port == null || port.isEmpty()) {
			if (defaultPort == 0) {
				throw new UndiscoverableException(NO_PORT);
			}
			return of(host, defaultPort);
		}
		return of(host, port(port));
	}

	/**
	 * Parses a port: ASCII digits making a number from 1 to 65535.
	 */
	static int port(String digits) {
		String trimmed = digits.trim();
		if (trimmed.isEmpty() || trimmed.length() > 5 || !trimmed.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			throw new UndiscoverableException("a port is not a number from 1 to 65535");
		}
		int port = Integer.parseInt(trimmed);
		if (port < 1 || port > 65535) {
			throw new UndiscoverableException("a port is not a number from 1 to 65535");
		}
		return port;
	}

	/**
	 * Makes a target, with a failure that does not quote the host.
	 */
	static HostPort of(String host, int port) {
		if (host.isEmpty()) {
			throw new UndiscoverableException("a host is missing");
		}
		try {
			return new HostPort(host, port);
		}
		catch (IllegalArgumentException ex) {
			throw new UndiscoverableException("a host is not a valid host name or IP address");
		}
	}

	/**
	 * Returns a host without the brackets around an IPv6 address.
	 */
	static String stripBrackets(String host) {
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	/**
	 * Returns a scheme or driver name fit to appear in a warning: short and made only of the
	 * characters such names have, or an ellipsis.
	 */
	static String label(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		boolean plain = !lower.isEmpty() && lower.length() <= 32
				&& lower.chars().allMatch((c) -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == '_');
		return plain ? lower : "…";
	}

}
