package io.portend.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.portend.HostPort;
import io.portend.Protocol;
import org.jspecify.annotations.Nullable;

/**
 * Reads the command line's arguments as {@code python -m portend}'s argparse does, with several
 * targets and a command after {@code --}. The first problem found is the one reported; help
 * and version win over any problem. Single use.
 */
final class ArgumentParser {

	private final List<HostPort> targets = new ArrayList<>();

	private boolean occupied;

	private @Nullable Duration timeout;

	private Duration strictCheck = Duration.ZERO;

	private boolean verbose;

	private boolean quiet;

	private boolean help;

	private boolean version;

	private List<String> command = List.of();

	/** The first thing wrong with the arguments, or {@code null}. */
	private @Nullable String problem;

	private ArgumentParser() {
	}

	/**
	 * Reads the arguments.
	 * @throws UsageException naming the first offending argument, unless help or the version
	 * was asked for
	 */
	static Arguments parse(String[] args) throws UsageException {
		ArgumentParser parser = new ArgumentParser();
		parser.read(args);
		if (parser.problem != null && !parser.help && !parser.version) {
			throw new UsageException(parser.problem);
		}
		return new Arguments(parser.help, parser.version, parser.targets, parser.occupied, parser.timeout,
				parser.strictCheck, parser.verbose, parser.quiet, parser.command);
	}

	private void read(String[] args) {
		List<String> positionals = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--")) {
				this.command = Arrays.asList(args).subList(i + 1, args.length);
				break;
			}
			if (arg.startsWith("--")) {
				i = readLongOption(args, i);
			}
			else if (arg.length() > 1 && arg.charAt(0) == '-') {
				i = readShortOptions(args, i);
			}
			else {
				positionals.add(arg);
			}
		}
		readPositionals(positionals);
	}

	/**
	 * Reads {@code --name} or {@code --name=value} at {@code args[i]}; returns the index of the
	 * last argument used.
	 */
	private int readLongOption(String[] args, int i) {
		String arg = args[i];
		int equals = arg.indexOf('=');
		String name = (equals < 0) ? arg : arg.substring(0, equals);
		if (name.equals("--timeout")) {
			if (equals < 0) {
				return readTimeoutAfter(args, i);
			}
			readTimeout(arg.substring(equals + 1));
			return i;
		}
		if (name.equals("--strict-check")) {
			if (equals >= 0) {
				readStrictCheck(arg.substring(equals + 1));
				return i;
			}
			if (i + 1 == args.length || args[i + 1].equals("--")) {
				reject("option --strict-check expects a number of seconds");
				return i;
			}
			readStrictCheck(args[i + 1]);
			return i + 1;
		}
		if (!List.of("--help", "--version", "--verbose", "--quiet").contains(name)) {
			reject("unrecognized option '" + arg + "'");
		}
		else if (equals >= 0) {
			reject("option " + name + " takes no value: '" + arg + "'");
		}
		else if (name.equals("--version")) {
			this.version = true;
		}
		else {
			flag(name.charAt(2));
		}
		return i;
	}

	/**
	 * Reads short options, alone or bundled as in {@code -vt5}; returns the index of the last
	 * argument used.
	 */
	private int readShortOptions(String[] args, int i) {
		String arg = args[i];
		for (int j = 1; j < arg.length(); j++) {
			char option = arg.charAt(j);
			if (option == 't') {
				if (j + 1 == arg.length()) {
					return readTimeoutAfter(args, i);
				}
				readTimeout(arg.substring(j + 1));
				return i;
			}
			if (option != 'h' && option != 'v' && option != 'q') {
				reject("unrecognized option '-" + option + "'" + ((arg.length() > 2) ? " in '" + arg + "'" : ""));
				return i;
			}
			flag(option);
		}
		return i;
	}

	/**
	 * Reads the timeout that follows the option at {@code args[i]}; returns the index of the
	 * last argument used.
	 */
	private int readTimeoutAfter(String[] args, int i) {
		if (i + 1 == args.length || args[i + 1].equals("--")) {
			reject("option -t/--timeout expects a number of seconds");
			return i;
		}
		readTimeout(args[i + 1]);
		return i + 1;
	}

	private void flag(char option) {
		switch (option) {
			case 'h' -> this.help = true;
			case 'v' -> this.verbose = true;
			default -> this.quiet = true;
		}
		if (this.verbose && this.quiet) {
			reject("options -v/--verbose and -q/--quiet exclude each other");
		}
	}

	/**
	 * Reads a timeout as Python's {@code float} does, but only 0 or more: {@code 5}, {@code 0.5},
	 * {@code 1e3}, {@code inf}. A timeout longer than a {@link Duration} of nanoseconds holds is
	 * as good as forever, which the core makes of it.
	 */
	private void readTimeout(String text) {
		if (text.equalsIgnoreCase("inf") || text.equalsIgnoreCase("infinity")) {
			this.timeout = null;
			return;
		}
		Duration seconds = seconds("timeout", text, "or inf");
		if (seconds != null) {
			this.timeout = seconds;
		}
	}

	private void readStrictCheck(String text) {
		Duration seconds = seconds("strict check", text, "such as 0.2");
		if (seconds != null) {
			this.strictCheck = seconds;
		}
	}

	/**
	 * Reads a number of seconds, 0 or more, such as {@code 5}, {@code 0.5} or {@code 1e3}.
	 * @return the duration, or {@code null} once the problem is reported
	 */
	private @Nullable Duration seconds(String what, String text, String example) {
		// Double.parseDouble alone would also take " 5", "5d", "0x1p3" and "NaN".
		if (!text.isEmpty() && text.chars().allMatch((c) -> (c >= '0' && c <= '9') || ".eE+-".indexOf(c) >= 0)) {
			try {
				double seconds = Double.parseDouble(text);
				if (seconds >= 0) {
					return Duration.ofNanos((long) (seconds * 1e9));
				}
				reject("invalid " + what + " '" + text + "': it must not be negative");
				return null;
			}
			catch (NumberFormatException ex) {
				// Reported below, as any text that is not a number.
			}
		}
		reject("invalid " + what + " '" + text + "': expected a number of seconds, 0 or more, " + example);
		return null;
	}

	private void readPositionals(List<String> positionals) {
		if (positionals.isEmpty()) {
			reject("missing host:port and state (free, occupied or ready)");
			return;
		}
		String state = positionals.get(positionals.size() - 1);
		if (state.equals("occupied") || state.equals("ready") || state.equals("free")) {
			this.occupied = !state.equals("free");
		}
		else if (state.indexOf(':') >= 0) {
			reject("missing state after '" + state + "': expected free, occupied or ready, last");
		}
		else {
			reject("invalid state '" + state + "': expected free, occupied or ready");
		}
		if (positionals.size() == 1) {
			reject("missing host:port before '" + state + "'");
		}
		for (String text : positionals.subList(0, positionals.size() - 1)) {
			try {
				HostPort target = HostPort.parse(text);
				if (!this.targets.contains(target)) {
					this.targets.add(target);
				}
			}
			catch (IllegalArgumentException ex) {
				reject(ex.getMessage());
			}
		}
		if (!this.strictCheck.isZero() && this.occupied
				&& this.targets.stream().noneMatch((target) -> target.protocol() == Protocol.TCP)) {
			reject("option --strict-check is for host:port targets; a scheme:// target is checked in its protocol");
		}
	}

	private void reject(String problem) {
		if (this.problem == null) {
			this.problem = problem;
		}
	}

}
