package io.portend.benchmarks.boot;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.core.metrics.StartupStep;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortendStepClock}.
 */
class PortendStepClockTests {

	/** Advances by one millisecond on every reading. */
	private final AtomicLong wall = new AtomicLong();

	/** Advances by half a millisecond on every reading. */
	private final AtomicLong cpu = new AtomicLong();

	/** Advances by a quarter of a millisecond on every reading. */
	private final AtomicLong runQueue = new AtomicLong();

	private final PortendStepClock clock = new PortendStepClock(Thread.currentThread(),
			() -> this.wall.addAndGet(1_000_000), () -> this.cpu.addAndGet(500_000),
			() -> this.runQueue.addAndGet(250_000));

	@Test
	void countsPortendStepsAndTheStartersBeansOnceEachWithWhatTheyContain() {
		StartupStep refresh = start("spring.context.refresh", null);
		StartupStep barrier = start("spring.beans.instantiate", "portendStartupBarrier");
		end(start("spring.beans.instantiate", "portend-io.portend.boot.autoconfigure.PortendProperties"));
		end(start("portend.startup.wait", null));
		end(start("spring.beans.instantiate", "taskExecutor"));
		end(barrier);
		StartupStep registry = start("spring.beans.instantiate", "healthContributorRegistry");
		end(start("spring.beans.instantiate", "portendHealthIndicator"));
		end(registry);
		end(start("portend.discover", null));
		end(start("spring.beans.instantiate", "dataSource"));
		end(start("spring.beans.instantiate", BenchApplication.class.getName()));
		end(refresh);
		// Three outermost steps, each read once at its start and once at its end.
		assertThat(this.clock.wallMillis()).isEqualTo(3.0);
		assertThat(this.clock.cpuMillis()).isEqualTo(1.5);
		assertThat(this.clock.runQueueMillis()).isEqualTo(0.75);
	}

	@Test
	void cannotTellTheRunQueueTimeWhenAReadingFails() {
		PortendStepClock clock = new PortendStepClock(Thread.currentThread(), () -> this.wall.addAndGet(1_000_000),
				() -> this.cpu.addAndGet(500_000), () -> -1);
		clock.start("portend.startup.wait").end();
		assertThat(clock.wallMillis()).isEqualTo(1.0);
		assertThat(clock.runQueueMillis()).isNaN();
	}

	@Test
	void stepsOnOtherThreadsDoNotCount() throws InterruptedException {
		Thread background = new Thread(() -> end(start("spring.beans.instantiate", "portendStartupWait")));
		background.start();
		background.join();
		assertThat(this.clock.wallMillis()).isZero();
		end(start("spring.beans.instantiate", "portendStartupWait"));
		assertThat(this.clock.wallMillis()).isEqualTo(1.0);
	}

	@Test
	void anApplicationWithoutTheStarterHasNone() {
		StartupStep refresh = start("spring.context.refresh", null);
		end(start("spring.beans.instantiate", "dataSource"));
		end(start("spring.beans.instantiate", "benchApplication"));
		end(refresh);
		assertThat(this.clock.wallMillis()).isZero();
		assertThat(this.clock.cpuMillis()).isZero();
	}

	private StartupStep start(String name, String beanName) {
		StartupStep step = this.clock.start(name);
		return (beanName != null) ? step.tag("beanName", beanName) : step;
	}

	private static void end(StartupStep step) {
		step.end();
	}

}
