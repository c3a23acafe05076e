package io.portend.benchmarks.boot;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.core.metrics.StartupStep;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * B7's goal rests on what the application attributes to portend.
 */
class BenchApplicationTests {

	private final BufferingApplicationStartup startup = new BufferingApplicationStartup(100);

	@Test
	void portendStepsAndTheStartersBeansCountOnceEachWithWhatTheyContain() throws Exception {
		StartupStep refresh = start("spring.context.refresh", null);
		StartupStep barrier = start("spring.beans.instantiate", "portendStartupBarrier");
		end(start("spring.beans.instantiate", "portend-io.portend.boot.autoconfigure.PortendProperties"));
		end(start("portend.startup.wait", null));
		end(start("spring.beans.instantiate", "taskExecutor"));
		end(barrier);
		StartupStep registry = start("spring.beans.instantiate", "healthContributorRegistry");
		StartupStep indicator = start("spring.beans.instantiate", "portendHealthIndicator");
		end(indicator);
		end(registry);
		StartupStep discovery = start("portend.discover", null);
		end(discovery);
		end(start("spring.beans.instantiate", "dataSource"));
		end(start("spring.beans.instantiate", BenchApplication.class.getName()));
		end(refresh);
		List<TimelineEvent> events = this.startup.getBufferedTimeline().getEvents();
		assertThat(BenchApplication.portendMillis(events))
			.isEqualTo((nanos(events, barrier) + nanos(events, indicator) + nanos(events, discovery)) / 1e6);
	}

	@Test
	void anApplicationWithoutTheStarterHasNone() throws Exception {
		StartupStep refresh = start("spring.context.refresh", null);
		end(start("spring.beans.instantiate", "dataSource"));
		end(start("spring.beans.instantiate", "benchApplication"));
		end(refresh);
		assertThat(BenchApplication.portendMillis(this.startup.getBufferedTimeline().getEvents())).isZero();
	}

	private StartupStep start(String name, String beanName) {
		StartupStep step = this.startup.start(name);
		return (beanName != null) ? step.tag("beanName", beanName) : step;
	}

	/** Every step lasts a while: a step counted twice, or wrongly, changes the sum. */
	private static void end(StartupStep step) throws InterruptedException {
		Thread.sleep(2);
		step.end();
	}

	private static long nanos(List<TimelineEvent> events, StartupStep step) {
		return events.stream()
			.filter((event) -> event.getStartupStep().getId() == step.getId())
			.findFirst()
			.orElseThrow()
			.getDuration()
			.toNanos();
	}

}
