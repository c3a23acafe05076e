package io.portend;

import org.jspecify.annotations.Nullable;

/**
 * Host text rules shared by parsing and checking. Everything here reads text only, so that
 * validating a host never asks a resolver.
 */
final class Hosts {

	private Hosts() {
	}

	/**
	 * Returns the host on which a client can connect to a listener bound to {@code serverHost}:
	 * the loopback address of the same family for an unspecified (bind-all) address, otherwise
	 * the host itself.
	 */
	static String clientHost(String serverHost) {
		if (isUnspecifiedIpv4(serverHost)) {
			return "127.0.0.1";
		}
		if (isUnspecifiedIpv6(serverHost)) {
			return "::1";
		}
		return serverHost;
	}

	/**
	 * Whether a character may stand in a host name or an IPv6 zone: ASCII letters, digits,
	 * {@code .}, {@code -} and {@code _} (container names use it).
	 */
	static boolean isNameChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-'
				|| c == '_';
	}

	/**
	 * Whether the text is an IPv6 literal (RFC 4291 text form, optionally with a trailing
	 * dotted IPv4 part and a {@code %zone}), without brackets.
	 */
	static boolean isIpv6Literal(String text) {
		return toBytes(text) != null;
	}

	/**
	 * Whether the text is an IP literal: a dotted-quad IPv4 address or an IPv6 literal.
	 */
	static boolean isIpLiteral(String text) {
		return text != null && (parseIpv4(text, new byte[4], 0) || isIpv6Literal(text));
	}

	private static boolean isUnspecifiedIpv4(String text) {
		byte[] bytes = new byte[4];
		return text != null && parseIpv4(text, bytes, 0) && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0
				&& bytes[3] == 0;
	}

	/**
	 * Whether the text spells the unspecified address {@code ::} in any form ({@code ::0},
	 * {@code ::0.0.0.0}, {@code 0:0:0:0:0:0:0:0} as Java prints it, with or without a zone).
	 */
	private static boolean isUnspecifiedIpv6(String text) {
		byte[] bytes = toBytes(text);
		if (bytes == null) {
			return false;
		}
		for (byte b : bytes) {
			if (b != 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns the 16 bytes of an IPv6 literal, or {@code null} if the text is not one.
	 */
	private static byte @Nullable [] toBytes(String text) {
		if (text == null) {
			return null;
		}
		int percent = text.indexOf('%');
		String address = (percent < 0) ? text : text.substring(0, percent);
		if (percent >= 0 && !isZone(text.substring(percent + 1))) {
			return null;
		}
		int doubleColon = address.indexOf("::");
		if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
			return null;
		}
		byte[] bytes = new byte[16];
		if (doubleColon < 0) {
			return (parseGroups(address, bytes, 0, 16) == 16) ? bytes : null;
		}
		String head = address.substring(0, doubleColon);
		String tail = address.substring(doubleColon + 2);
		if (head.indexOf('.') >= 0) {
			// A dotted IPv4 part ends the address: "1.2.3.4::" is no IPv6 literal.
			return null;
		}
		byte[] tailBytes = new byte[16];
		int headLength = head.isEmpty() ? 0 : parseGroups(head, bytes, 0, 14);
		int tailLength = tail.isEmpty() ? 0 : parseGroups(tail, tailBytes, 0, 14);
		if (headLength < 0 || tailLength < 0 || headLength + tailLength > 14) {
			return null;
		}
		System.arraycopy(tailBytes, 0, bytes, 16 - tailLength, tailLength);
		return bytes;
	}

	/**
	 * Parses colon-separated hex groups (the last may be dotted IPv4) into {@code bytes} from
	 * {@code offset}; returns the number of bytes written, or -1 if malformed or longer than
	 * {@code max}.
	 */
	private static int parseGroups(String groups, byte[] bytes, int offset, int max) {
		String[] parts = groups.split(":", -1);
		int length = 0;
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (i == parts.length - 1 && part.indexOf('.') >= 0) {
				if (length + 4 > max || !parseIpv4(part, bytes, offset + length)) {
					return -1;
				}
				length += 4;
				continue;
			}
			if (part.isEmpty() || part.length() > 4 || length + 2 > max) {
				return -1;
			}
			int value = 0;
			for (int j = 0; j < part.length(); j++) {
				int digit = hexValue(part.charAt(j));
				if (digit < 0) {
					return -1;
				}
				value = value * 16 + digit;
			}
			bytes[offset + length] = (byte) (value >> 8);
			bytes[offset + length + 1] = (byte) value;
			length += 2;
		}
		return length;
	}

	private static boolean parseIpv4(String text, byte[] bytes, int offset) {
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			return false;
		}
		for (int i = 0; i < 4; i++) {
			String part = parts[i];
			if (part.isEmpty() || part.length() > 3) {
				return false;
			}
			int value = 0;
			for (int j = 0; j < part.length(); j++) {
				char c = part.charAt(j);
				if (c < '0' || c > '9') {
					return false;
				}
				value = value * 10 + (c - '0');
			}
			if (value > 255) {
				return false;
			}
			bytes[offset + i] = (byte) value;
		}
		return true;
	}

	private static int hexValue(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		if (c >= 'A' && c <= 'F') {
			return c - 'A' + 10;
		}
		return -1;
	}

	private static boolean isZone(String zone) {
		if (zone.isEmpty()) {
			return false;
		}
		for (int i = 0; i < zone.length(); i++) {
			if (!isNameChar(zone.charAt(i))) {
				return false;
			}
		}
		return true;
	}

}
