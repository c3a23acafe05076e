package io.portend.benchmarks.boot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * The time the thread that created this clock has spent waiting for a core, runnable but not
 * running: the second field of Linux's {@code /proc/thread-self/schedstat}, in nanoseconds.
 * That path names the thread that opens it, so the file is opened once, here, and kept open
 * until the JVM exits: each reading is then one read of a few bytes, quick enough to take
 * around each of portend's start-up steps. Where Linux does not tell, every reading is -1.
 */
final class RunQueueClock implements LongSupplier {

	private static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");

	private final FileChannel schedstat;

	private final ByteBuffer buffer = ByteBuffer.allocate(128);

	RunQueueClock() {
		this.schedstat = open();
	}

	private static FileChannel open() {
		try {
			return FileChannel.open(SCHEDSTAT);
		}
		catch (IOException | UnsupportedOperationException ex) {
			return null;
		}
	}

	/**
	 * Reads the creating thread's run-queue time.
	 * @return nanoseconds, or -1 if they cannot be told
	 */
	@Override
	public long getAsLong() {
		if (this.schedstat == null) {
			return -1;
		}
		try {
			this.buffer.clear();
			this.schedstat.read(this.buffer, 0);
			return runQueueNanos(this.buffer.flip());
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * Returns the second field of a schedstat line, such as {@code 819738 9708 2}.
	 * @param line the line's bytes
	 * @return the field, or -1 if the line has no such field
	 */
	static long runQueueNanos(ByteBuffer line) {
		int i = 0;
		while (i < line.limit() && line.get(i) != ' ') {
			i++;
		}
		long nanos = -1;
		for (i++; i < line.limit() && line.get(i) >= '0' && line.get(i) <= '9'; i++) {
			nanos = Math.max(nanos, 0) * 10 + (line.get(i) - '0');
		}
		return nanos;
	}

}
