package io.portend.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Runs the command given after {@code --} with portend's standard streams, and stops it when the
 * JVM stops (SIGTERM, Ctrl-C): gracefully first, then forcibly.
 */
final class CommandRunner {

	/** How long a command may take to stop gracefully before it is killed. */
	private static final long GRACE_SECONDS = 10;

	private final ProcessBuilder builder;

	private @Nullable Process process;

	private boolean stopping;

	CommandRunner(List<String> command) {
		this.builder = new ProcessBuilder(command).inheritIO();
	}

	/**
	 * Runs the command to its end.
	 * @return its exit status
	 * @throws IOException if it cannot be started
	 * @throws InterruptedException if interrupted while it runs
	 */
	int run() throws IOException, InterruptedException {
		Thread stopper = new Thread(this::stop, "portend-stop-command");
		Runtime.getRuntime().addShutdownHook(stopper);
		try {
			return start().waitFor();
		}
		finally {
			try {
				Runtime.getRuntime().removeShutdownHook(stopper);
			}
			catch (IllegalStateException ex) {
				// The JVM is stopping already, and the hook stops the command.
			}
		}
	}

	/**
	 * Starts the command, under the lock the hook takes: a command started as the JVM begins to
	 * stop is stopped too, and none starts after.
	 */
	private synchronized Process start() throws IOException {
		if (this.stopping) {
			throw new IOException("portend is stopping");
		}
		this.process = this.builder.start();
		return this.process;
	}

	private void stop() {
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
			if (!started.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
				started.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			started.destroyForcibly();
		}
	}

}
