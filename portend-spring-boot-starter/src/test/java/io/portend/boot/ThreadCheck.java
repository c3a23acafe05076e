package io.portend.boot;

import java.util.List;

/**
 * Finds the threads of port watchers.
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
			.filter((name) -> name.startsWith("portend-"))
			.toList();
	}

}
