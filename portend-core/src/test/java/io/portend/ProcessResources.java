package io.portend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What this JVM holds open, to show that checks leave nothing behind. Reads Linux's
 * {@code /proc/self/fd}; tests that need it are skipped elsewhere.
 */
final class ProcessResources {

	private static final Path FILE_DESCRIPTORS = Path.of("/proc/self/fd");

	private ProcessResources() {
	}

	static void assumeFileDescriptorsVisible() {
		assumeTrue(Files.isDirectory(FILE_DESCRIPTORS), "/proc/self/fd is not available");
	}

	/**
	 * Returns how many file descriptors are open, sockets and everything else.
	 */
	static int openFileDescriptors() {
		try (Stream<Path> descriptors = Files.list(FILE_DESCRIPTORS)) {
			return (int) descriptors.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns how many open file descriptors are sockets.
	 */
	static int openSockets() {
		try (Stream<Path> descriptors = Files.list(FILE_DESCRIPTORS)) {
			return (int) descriptors.filter(ProcessResources::isSocket).count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static int liveThreads() {
		return ManagementFactory.getThreadMXBean().getThreadCount();
	}

	/**
	 * Returns how many open file descriptors are of the kinds a check can open: sockets, and a
	 * selector's epoll, eventfd or pipe. Not the jar or random-number files the JVM may open
	 * at any time.
	 */
	static int openChannelDescriptors() {
		try (Stream<Path> descriptors = Files.list(FILE_DESCRIPTORS)) {
			return (int) descriptors.filter((descriptor) -> linksTo(descriptor, "socket:", "anon_inode:", "pipe:"))
				.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isSocket(Path descriptor) {
		return linksTo(descriptor, "socket:");
	}

	private static boolean linksTo(Path descriptor, String... prefixes) {
		try {
			String target = Files.readSymbolicLink(descriptor).toString();
			for (String prefix : prefixes) {
				if (target.startsWith(prefix)) {
					return true;
				}
			}
			return false;
		}
		catch (IOException ex) {
			// The descriptor closed while listing (the listing's own one does): none of them.
			return false;
		}
	}

}
