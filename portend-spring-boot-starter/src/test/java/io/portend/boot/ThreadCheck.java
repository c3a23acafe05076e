package io.portend.boot;

import java.util.List;

/**
 * Finds the threads of port watchers. The core's name resolver pool is left out: its threads
 * are shared by every check of the JVM, bounded, and end on their own once idle.
 */
public final class ThreadCheck {

	private ThreadCheck() {
	}

	public static List<String> portendThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("portend-") && !name.startsWith("portend-resolver-"))
			.toList();
	}

}
