package io.portend.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.portend.Checker;
import io.portend.HostPort;
import io.portend.PortStatus;
import io.portend.PortTimeoutException;

/**
 * The command line, as {@code python -m portend} with several targets and a command to run,
 * which makes it a drop-in for {@code wait-for-it}:
 * {@code java -jar portend-core.jar [-t SECONDS] host:port... free|occupied [-- command...]}.
 * {@code --help} tells the rest.
 *
 * <p>Start-up time is the product here: this class avoids lambdas, streams, regular expressions
 * and {@code String.format}, whose first use costs milliseconds of bootstrap.
 */
public final class Main {

	private static final String USAGE = "usage: portend [-h] [-t SECONDS] [-v|-q] host:port... free|occupied "
			+ "[-- command...]";

	private static final String HELP = USAGE + """


			Wait until TCP ports are occupied (something accepts connections) or free
			(nothing does), then optionally run a command.

			positional arguments:
			  host:port             a port to wait for, such as localhost:5432, 10.0.0.7:80
			                        or [::1]:8080; several are waited for at the same
			                        time, under one deadline
			  free|occupied         the state to wait for, after the ports
			  -- command...         run once every port is ready, and exit with its
			                        status; never run when the wait times out (as
			                        wait-for-it's --strict): a command whose dependency
			                        is missing is what this prevents

			options:
			  -h, --help            show this help and exit
			  -t, --timeout SECONDS give up after this many seconds, such as 30, 0.5 or inf;
			                        default: wait forever
			  -v, --verbose         report on stderr each port's changes of state as seen
			  -q, --quiet           print nothing but usage errors: not even why the wait
			                        timed out

			exit status:
			  0    every port is ready (with a command: the command's status)
			  1    timed out, and stderr names each port not ready; or an unexpected error
			  2    usage error
			  127  the command could not be started

			examples:
			  portend -t 30 db:5432 cache:6379 occupied -- java -jar app.jar
			  portend localhost:8080 free
			""";

	/** portend's {@code occupied} gives each connection attempt half a second, as {@code Portend} does. */
	private static final Duration OCCUPIED_CONNECT_TIMEOUT = Duration.ofMillis(500);

	/** portend's {@code free} gives each connection attempt a tenth of a second, as {@code Portend} does. */
	private static final Duration FREE_CONNECT_TIMEOUT = Duration.ofMillis(100);

	private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";

	private static final String EPOLL_SELECTOR_PROVIDER = "sun.nio.ch.EPollSelectorProvider";

	/** Longer than this is forever: the core waits at most some 73 years. */
	private static final double MAX_SECONDS = 1e9;

	private final PrintStream err;

	private final List<HostPort> targets = new ArrayList<>();

	private boolean occupied;

	private Duration timeout;

	private boolean verbose;

	private boolean quiet;

	private boolean help;

	private List<String> command = List.of();

	/** The first thing wrong with the arguments, or {@code null}. */
	private String usageError;

	private Main(PrintStream err) {
		this.err = err;
	}

	/**
	 * Runs the command line and exits with its status.
	 * @param args the arguments; {@code --help} tells what they are
	 */
	public static void main(String[] args) {
		useEpollDirectly();
		initializeNioInBackground();
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * Starts the JDK's socket machinery on a second thread while this one reads the arguments:
	 * its first use costs some 15 ms of class loading and lambda bootstrap, the larger part of
	 * this command's start-up.
	 */
	private static void initializeNioInBackground() {
		Thread initializer = new Thread(new NioInitializer(), "portend-nio-init");
		initializer.setDaemon(true);
		initializer.start();
	}

	/**
	 * Names the JDK's own selector provider on Linux, so that the first selector skips the
	 * {@code ServiceLoader} scan of the class path for another: some 10 ms of start-up. Left
	 * alone when set already, or where the JDK has no such class.
	 */
	private static void useEpollDirectly() {
		if (System.getProperty(SELECTOR_PROVIDER) != null) {
			return;
		}
		try {
			Class.forName(EPOLL_SELECTOR_PROVIDER, false, null);
			System.setProperty(SELECTOR_PROVIDER, EPOLL_SELECTOR_PROVIDER);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			// Not Linux, or another JDK: the provider is looked up as usual.
		}
	}

	/**
	 * Runs the command line: parses, waits, and runs the command if any.
	 * @return the exit status
	 */
	static int run(String[] args, PrintStream out, PrintStream err) {
		Main main = new Main(err);
		try {
			main.parse(args);
		}
		catch (RuntimeException | Error ex) {
			main.reject("cannot read the arguments: " + describe(ex));
		}
		if (main.help) {
			out.print(HELP);
			out.flush();
			return 0;
		}
		if (main.usageError != null) {
			err.println(USAGE);
			err.println("portend: error: " + main.usageError);
			return 2;
		}
		try {
			return main.execute();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			main.report("portend: interrupted");
			return 1;
		}
		catch (Exception | Error ex) {
			main.report("portend: " + describe(ex));
			return 1;
		}
	}

	private void parse(String[] args) {
		List<String> positionals = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--")) {
				this.command = Arrays.asList(args).subList(i + 1, args.length);
				break;
			}
			if (arg.startsWith("--")) {
				i = parseLongOption(args, i);
			}
			else if (arg.length() > 1 && arg.charAt(0) == '-') {
				i = parseShortOptions(args, i);
			}
			else {
				positionals.add(arg);
			}
		}
		parsePositionals(positionals);
	}

	/**
	 * Parses {@code --name} or {@code --name=value} at {@code args[i]}; returns the index of the
	 * last argument used.
	 */
	private int parseLongOption(String[] args, int i) {
		String arg = args[i];
		int equals = arg.indexOf('=');
		String name = (equals < 0) ? arg : arg.substring(0, equals);
		if (name.equals("--timeout")) {
			if (equals < 0) {
				return parseTimeoutAfter(args, i);
			}
			parseTimeout(arg.substring(equals + 1));
		}
		else if (!name.equals("--help") && !name.equals("--verbose") && !name.equals("--quiet")) {
			reject("unrecognized option '" + arg + "'");
		}
		else if (equals >= 0) {
			reject("option " + name + " takes no value: '" + arg + "'");
		}
		else {
			flag(name.charAt(2));
		}
		return i;
	}

	/**
	 * Parses short options, alone or bundled as in {@code -vt5}; returns the index of the last
	 * argument used.
	 */
	private int parseShortOptions(String[] args, int i) {
		String arg = args[i];
		for (int j = 1; j < arg.length(); j++) {
			char option = arg.charAt(j);
			if (option == 't') {
				if (j + 1 == arg.length()) {
					return parseTimeoutAfter(args, i);
				}
				parseTimeout(arg.substring(j + 1));
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
	 * Parses the timeout that follows the option at {@code args[i]}; returns the index of the
	 * last argument used.
	 */
	private int parseTimeoutAfter(String[] args, int i) {
		if (i + 1 == args.length || args[i + 1].equals("--")) {
			reject("option -t/--timeout expects a number of seconds");
			return i;
		}
		parseTimeout(args[i + 1]);
		return i + 1;
	}

	private void flag(char option) {
		if (option == 'h') {
			this.help = true;
		}
		else if (option == 'v') {
			this.verbose = true;
		}
		else {
			this.quiet = true;
		}
		if (this.verbose && this.quiet) {
			reject("options -v/--verbose and -q/--quiet exclude each other");
		}
	}

	/**
	 * Parses a timeout as Python's {@code float} does, but only 0 or more: {@code 5}, {@code 0.5},
	 * {@code 1e3}, {@code inf}.
	 */
	private void parseTimeout(String text) {
		String problem = "expected a number of seconds, 0 or more, or inf";
		if (text.equalsIgnoreCase("inf") || text.equalsIgnoreCase("infinity")) {
			this.timeout = null;
			return;
		}
		// Double.parseDouble alone would also take " 5", "5d", "0x1p3" and "NaN".
		boolean plain = !text.isEmpty();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			plain &= (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
		}
		if (plain) {
			try {
				double seconds = Double.parseDouble(text);
				if (seconds < 0) {
					problem = "it must not be negative";
				}
				else {
					this.timeout = (seconds > MAX_SECONDS) ? null : Duration.ofNanos((long) (seconds * 1e9));
					return;
				}
			}
			catch (NumberFormatException ex) {
				// Reported below, as any text that is not a number.
			}
		}
		reject("invalid timeout '" + text + "': " + problem);
	}

	private void parsePositionals(List<String> positionals) {
		if (positionals.isEmpty()) {
			reject("missing host:port and state (free or occupied)");
			return;
		}
		String state = positionals.get(positionals.size() - 1);
		if (state.equals("occupied") || state.equals("free")) {
			this.occupied = state.equals("occupied");
		}
		else if (state.indexOf(':') >= 0) {
			reject("missing state after '" + state + "': expected free or occupied, last");
		}
		else {
			reject("invalid state '" + state + "': expected free or occupied");
		}
		if (positionals.size() == 1) {
			reject("missing host:port before '" + state + "'");
		}
		for (int i = 0; i < positionals.size() - 1; i++) {
			try {
				HostPort target = HostPort.parse(positionals.get(i));
				if (!this.targets.contains(target)) {
					this.targets.add(target);
				}
			}
			catch (IllegalArgumentException ex) {
				reject(ex.getMessage());
			}
		}
	}

	private void reject(String problem) {
		if (this.usageError == null) {
			this.usageError = problem;
		}
	}

	private int execute() throws Exception {
		Checker checker = new Checker(this.occupied ? OCCUPIED_CONNECT_TIMEOUT : FREE_CONNECT_TIMEOUT);
		Progress progress = this.verbose ? new Progress(this.err) : null;
		try {
			if (this.occupied) {
				checker.awaitOccupied(this.targets, this.timeout, progress);
			}
			else {
				checker.awaitFree(this.targets, this.timeout, progress);
			}
		}
		catch (PortTimeoutException ex) {
			report(ex.getMessage());
			return 1;
		}
		return this.command.isEmpty() ? 0 : runCommand();
	}

	private int runCommand() throws InterruptedException {
		Command command = new Command(new ProcessBuilder(this.command).inheritIO());
		Thread stopCommand = new Thread(command, "portend-stop-command");
		Runtime.getRuntime().addShutdownHook(stopCommand);
		try {
			Process process;
			try {
				process = command.start();
			}
			catch (IOException | RuntimeException ex) {
				report("portend: " + describe(ex));
				return 127;
			}
			return process.waitFor();
		}
		finally {
			try {
				Runtime.getRuntime().removeShutdownHook(stopCommand);
			}
			catch (IllegalStateException ex) {
				// The JVM is stopping already, and the hook stops the command.
			}
		}
	}

	private void report(String message) {
		if (!this.quiet) {
			this.err.println(message);
		}
	}

	private static String describe(Throwable ex) {
		String message = ex.getMessage();
		return (message != null && !message.isBlank()) ? message.replace('\n', ' ') : ex.getClass().getName();
	}

	/** Loads the classes a connection attempt needs, without connecting anywhere. */
	private static final class NioInitializer implements Runnable {

		@Override
		public void run() {
			try {
				SocketChannel.open().close();
			}
			catch (IOException | RuntimeException ex) {
				// The wait itself reports what is wrong with sockets.
			}
		}

	}

	/**
	 * The command to run, and the shutdown hook's task that stops it when the JVM stops
	 * (SIGTERM, Ctrl-C): gracefully first, then forcibly.
	 */
	private static final class Command implements Runnable {

		private final ProcessBuilder builder;

		private Process process;

		private boolean stopping;

		Command(ProcessBuilder builder) {
			this.builder = builder;
		}

		/**
		 * Starts the command, under the lock the hook takes: a command started as the JVM begins
		 * to stop is stopped too, and none starts after.
		 */
		synchronized Process start() throws IOException {
			if (this.stopping) {
				throw new IOException("portend is stopping");
			}
			this.process = this.builder.start();
			return this.process;
		}

		@Override
		public void run() {
			Process started;
			synchronized (this) {
				this.stopping = true;
				started = this.process;
			}
			if (started == null) {
				return;
			}
			started.destroy();
			try {
				if (!started.waitFor(10, TimeUnit.SECONDS)) {
					started.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				started.destroyForcibly();
			}
		}

	}

	/**
	 * Prints each port's changes of state, with the time since the wait started: not every round.
	 */
	private static final class Progress implements Consumer<PortStatus> {

		private final PrintStream err;

		private final long start = System.nanoTime();

		private final Map<HostPort, String> states = new HashMap<>();

		Progress(PrintStream err) {
			this.err = err;
		}

		@Override
		public void accept(PortStatus status) {
			String state = status.occupied() ? "occupied" : (status.resolved() ? "free" : "unresolved");
			if (!state.equals(this.states.put(status.target(), state))) {
				long elapsed = (System.nanoTime() - this.start) / 1_000_000;
				this.err.println("portend: " + status.target() + " " + state + " after " + elapsed + " ms ("
						+ status.reason() + ")");
			}
		}

	}

}
