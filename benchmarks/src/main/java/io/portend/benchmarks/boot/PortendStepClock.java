package io.portend.benchmarks.boot;

import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/**
 * Measures the wall and CPU time that portend's start-up steps take on the thread that starts
 * the application: its own steps (named {@code portend.*}) and the creation of its beans, each
 * counted once: a step inside another of them is part of that one already. Steps on other
 * threads (Spring Boot's background pre-initialization, portend's check threads) are not
 * counted: they do not hold up start-up unless the main thread waits for them, and then the
 * wait is counted. Besides wall and CPU time, it measures how long the main thread waited for a
 * core in those steps, runnable but not running, where Linux tells ({@link RunQueueClock}).
 */
final class PortendStepClock implements ApplicationStartup {

	private static final String BEAN_CREATION = "spring.beans.instantiate";

	private final AtomicLong ids = new AtomicLong();

	private final Thread mainThread;

	private final LongSupplier wallNanos;

	private final LongSupplier cpuNanos;

	private final LongSupplier runQueueNanos;

	// Touched by the main thread only.
	private int depth;

	private long wallStart;

	private long cpuStart;

	private long runQueueStart;

	private long wallTotal;

	private long cpuTotal;

	private long runQueueTotal;

	private boolean runQueueUnknown;

	/**
	 * Creates a clock for the calling thread, on the JVM's clocks.
	 */
	PortendStepClock() {
		this(Thread.currentThread(), System::nanoTime, ManagementFactory.getThreadMXBean()::getCurrentThreadCpuTime,
				new RunQueueClock());
	}

	/**
	 * Creates a clock.
	 * @param mainThread the thread whose steps count
	 * @param wallNanos the wall clock
	 * @param cpuNanos the CPU time of the calling thread
	 * @param runQueueNanos the time the calling thread has waited for a core, or a negative
	 * number if it cannot be told
	 */
	PortendStepClock(Thread mainThread, LongSupplier wallNanos, LongSupplier cpuNanos, LongSupplier runQueueNanos) {
		this.mainThread = mainThread;
		this.wallNanos = wallNanos;
		this.cpuNanos = cpuNanos;
		this.runQueueNanos = runQueueNanos;
	}

	@Override
	public StartupStep start(String name) {
		return new Step(this.ids.incrementAndGet(), name);
	}

	/**
	 * Returns the wall time of portend's steps on the main thread so far.
	 * @return milliseconds
	 */
	double wallMillis() {
		return this.wallTotal / 1e6;
	}

	/**
	 * Returns the CPU time of the main thread in portend's steps so far.
	 * @return milliseconds
	 */
	double cpuMillis() {
		return this.cpuTotal / 1e6;
	}

	/**
	 * Returns the time the main thread waited for a core in portend's steps so far.
	 * @return milliseconds, or {@link Double#NaN} where it cannot be told
	 */
	double runQueueMillis() {
		return this.runQueueUnknown ? Double.NaN : this.runQueueTotal / 1e6;
	}

	static boolean isPortendBean(String beanName) {
		// Not this application's own beans, whose names may start with its package.
		return beanName.toLowerCase(Locale.ROOT).contains("portend")
				&& !beanName.contains(BenchApplication.class.getPackageName());
	}

	private final class Step implements StartupStep {

		private final long id;

		private final String name;

		private boolean counted;

		Step(long id, String name) {
			this.id = id;
			this.name = name;
			if (name.startsWith("portend.")) {
				begin();
			}
		}

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public long getId() {
			return this.id;
		}

		@Override
		public Long getParentId() {
			return null;
		}

		@Override
		public StartupStep tag(String key, String value) {
			// Spring tags a bean's creation with its name right after starting the step.
			if (!this.counted && this.name.equals(BEAN_CREATION) && key.equals("beanName") && isPortendBean(value)) {
				begin();
			}
			return this;
		}

		@Override
		public StartupStep tag(String key, Supplier<String> value) {
			return tag(key, value.get());
		}

		@Override
		public Tags getTags() {
			return Collections::emptyIterator;
		}

		@Override
		public void end() {
			if (this.counted && --PortendStepClock.this.depth == 0) {
				PortendStepClock.this.wallTotal += PortendStepClock.this.wallNanos.getAsLong()
						- PortendStepClock.this.wallStart;
				PortendStepClock.this.cpuTotal += PortendStepClock.this.cpuNanos.getAsLong()
						- PortendStepClock.this.cpuStart;
				PortendStepClock.this.runQueueTotal += readRunQueue() - PortendStepClock.this.runQueueStart;
			}
		}

		private void begin() {
			if (Thread.currentThread() != PortendStepClock.this.mainThread) {
				return;
			}
			this.counted = true;
			if (PortendStepClock.this.depth++ == 0) {
				// Read first here and last at the end: reading a file, it stays out of the wall time.
				PortendStepClock.this.runQueueStart = readRunQueue();
				PortendStepClock.this.wallStart = PortendStepClock.this.wallNanos.getAsLong();
				PortendStepClock.this.cpuStart = PortendStepClock.this.cpuNanos.getAsLong();
			}
		}

		private long readRunQueue() {
			long nanos = PortendStepClock.this.runQueueNanos.getAsLong();
			if (nanos < 0) {
				PortendStepClock.this.runQueueUnknown = true;
			}
			return nanos;
		}

	}

}
