package io.portend.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.security.Security;
import java.util.Properties;
import java.util.function.Consumer;

import io.portend.Checker;
import io.portend.PortStatus;
import io.portend.PortTimeoutException;
import io.portend.Portend;

/**
 * The command line, as {@code python -m portend} with several targets and a command to run,
 * which makes it a drop-in for {@code wait-for-it}:
 * {@code portend [-t SECONDS] host:port... free|occupied [-- command...]}. {@code --help} tells
 * the rest.
 */
public final class Main {

	private Main() {
	}

	/**
	 * Runs the command line and exits with its status.
	 * @param args the arguments; {@code --help} tells what they are
	 */
	public static void main(String[] args) {
		// The command line owns its JVM: a name that appears in DNS late (a container that
		// starts) is seen at once, not after the 10 s the JVM caches failed lookups for.
		Security.setProperty("networkaddress.cache.negative.ttl", "0");
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * Runs the command line: reads the arguments, waits, and runs the command if any.
	 * @return the exit status
	 */
	static int run(String[] args, PrintStream out, PrintStream err) {
		Arguments arguments;
		try {
			arguments = ArgumentParser.parse(args);
		}
		catch (UsageException ex) {
			err.println(Usage.LINE);
			err.println("portend: error: " + ex.getMessage());
			return 2;
		}
		if (arguments.help()) {
			out.print(Usage.HELP);
			out.flush();
			return 0;
		}
		if (arguments.version()) {
			out.println("portend " + version());
			return 0;
		}
		try {
			if (!await(arguments, err)) {
				return 1;
			}
			return arguments.command().isEmpty() ? 0 : runCommand(arguments, err);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			report(arguments, err, "portend: interrupted");
			return 1;
		}
		catch (RuntimeException ex) {
			report(arguments, err, "portend: " + describe(ex));
			return 1;
		}
	}

	/**
	 * Waits as asked, with portend's own connect timeouts.
	 * @return whether every port reached the state; if not, the reason was reported
	 */
	private static boolean await(Arguments arguments, PrintStream err) throws InterruptedException {
		Consumer<PortStatus> progress = arguments.verbose() ? new ProgressPrinter(err) : null;
		Checker checker = (arguments.occupied() ? Portend.occupiedChecker() : Portend.freeChecker())
			.withStrictCheck(arguments.strictCheck());
		try {
			if (arguments.occupied()) {
				checker.awaitOccupied(arguments.targets(), arguments.timeout(), progress);
			}
			else {
				checker.awaitFree(arguments.targets(), arguments.timeout(), progress);
			}
			return true;
		}
		catch (PortTimeoutException ex) {
			report(arguments, err, ex.getMessage());
			return false;
		}
	}

	private static int runCommand(Arguments arguments, PrintStream err) throws InterruptedException {
		try {
			return new CommandRunner(arguments.command()).run();
		}
		catch (IOException ex) {
			report(arguments, err, "portend: " + describe(ex));
			return 127;
		}
	}

	private static void report(Arguments arguments, PrintStream err, String message) {
		if (!arguments.quiet()) {
			err.println(message);
		}
	}

	private static String describe(Throwable ex) {
		String message = ex.getMessage();
		return (message != null && !message.isBlank()) ? message.replace('\n', ' ') : ex.getClass().getName();
	}

	/** Returns the version the build wrote into {@code version.properties}. */
	static String version() {
		try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read portend's version", ex);
		}
	}

}
