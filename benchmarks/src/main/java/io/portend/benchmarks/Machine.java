package io.portend.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The machine a run measured, and when.
 * @param cores the processors available to the JVM
 * @param jdk the JVM's name and version
 * @param os the operating system's name, version and architecture
 * @param loadAverage the system load average over the last minute when the run started
 * @param date when the run started, in UTC
 */
record Machine(int cores, String jdk, String os, double loadAverage, String date) {

	static Machine current() {
		return new Machine(Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
						+ System.getProperty("os.arch") + ")",
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
				ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
	}

	/** Whether more was running than there are cores when the run started: its figures are noisy. */
	boolean busy() {
		return this.loadAverage > this.cores;
	}

	String describe() {
		return this.cores + " cores, " + this.jdk + ", " + this.os + ", load average " + Report.number(this.loadAverage)
				+ " at the start";
	}

}
