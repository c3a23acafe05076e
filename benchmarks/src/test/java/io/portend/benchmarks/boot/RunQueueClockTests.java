package io.portend.benchmarks.boot;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link RunQueueClock}.
 */
class RunQueueClockTests {

	@Test
	void readsTheSecondFieldOfASchedstatLine() {
		assertThat(RunQueueClock.runQueueNanos(bytes("819738 9708 2\n"))).isEqualTo(9708);
		assertThat(RunQueueClock.runQueueNanos(bytes("1 0 0\n"))).isZero();
	}

	@Test
	void cannotTellFromALineWithoutASecondField() {
		assertThat(RunQueueClock.runQueueNanos(bytes("819738\n"))).isEqualTo(-1);
		assertThat(RunQueueClock.runQueueNanos(bytes(""))).isEqualTo(-1);
	}

	@Test
	void readsTheTimeAfreshEachTime() throws InterruptedException {
		assumeTrue(Files.isReadable(Path.of("/proc/thread-self/schedstat")), "Linux's schedstat");
		RunQueueClock clock = new RunQueueClock();
		long first = clock.getAsLong();
		// Three busy threads per core keep this one waiting for a core now and then.
		Thread[] busy = new Thread[3 * Runtime.getRuntime().availableProcessors()];
		long until = System.nanoTime() + 300_000_000L;
		for (int i = 0; i < busy.length; i++) {
			busy[i] = new Thread(() -> spinUntil(until));
			busy[i].start();
		}
		spinUntil(until);
		for (Thread thread : busy) {
			thread.join();
		}
		assertThat(first).isNotNegative();
		assertThat(clock.getAsLong()).isGreaterThan(first);
	}

	private static void spinUntil(long nanoTime) {
		while (System.nanoTime() - nanoTime < 0) {
			Thread.onSpinWait();
		}
	}

	private static ByteBuffer bytes(String line) {
		return ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
	}

}
