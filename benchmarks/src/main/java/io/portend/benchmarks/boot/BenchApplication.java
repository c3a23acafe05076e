package io.portend.benchmarks.boot;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.metrics.StartupStep;
import org.springframework.util.Assert;

/**
 * The minimal application B7 and B8 start in JVMs of their own: nothing but what Spring Boot
 * auto-configures from the class path and the arguments. When it is ready it prints
 * {@value #PORTEND_MAIN_THREAD_MS} with the milliseconds portend's start-up steps took on the
 * main thread, then {@value #READY}, and runs until stopped.
 */
@SpringBootApplication
public class BenchApplication {

	/** The line printed on {@link ApplicationReadyEvent}. */
	public static final String READY = "BENCH-APPLICATION-READY";

	/**
	 * The start of the line printed just before {@link #READY}, followed by a space and the
	 * milliseconds (three decimals) of portend's top-level start-up steps.
	 */
	public static final String PORTEND_MAIN_THREAD_MS = "PORTEND-MAIN-THREAD-MS";

	/** Far more steps than a start of this application records: none is dropped. */
	private static final int STEPS = 20_000;

	private static final String BEAN_CREATION = "spring.beans.instantiate";

	/**
	 * Starts the application.
	 * @param args Spring Boot arguments, such as {@code --server.port=8080}
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BenchApplication.class);
		BufferingApplicationStartup startup = new BufferingApplicationStartup(STEPS);
		application.setApplicationStartup(startup);
		application.addListeners(new ReadyMarker(startup));
		application.run(args);
	}

	/**
	 * The milliseconds of portend's start-up steps: its own (named {@code portend.*}) and the
	 * creation of its beans, each counted once: a step inside another of them is part of that
	 * one's duration already.
	 */
	static double portendMillis(List<TimelineEvent> events) {
		Map<Long, StartupStep> steps = new HashMap<>();
		for (TimelineEvent event : events) {
			steps.put(event.getStartupStep().getId(), event.getStartupStep());
		}
		long nanos = 0;
		for (TimelineEvent event : events) {
			if (isPortend(event.getStartupStep()) && !insidePortend(event.getStartupStep(), steps)) {
				nanos += event.getDuration().toNanos();
			}
		}
		return nanos / 1e6;
	}

	private static boolean insidePortend(StartupStep step, Map<Long, StartupStep> steps) {
		StartupStep parent = steps.get(step.getParentId());
		while (parent != null) {
			if (isPortend(parent)) {
				return true;
			}
			parent = steps.get(parent.getParentId());
		}
		return false;
	}

	private static boolean isPortend(StartupStep step) {
		if (step.getName().startsWith("portend.")) {
			return true;
		}
		if (!step.getName().equals(BEAN_CREATION)) {
			return false;
		}
		for (StartupStep.Tag tag : step.getTags()) {
			if (tag.getKey().equals("beanName")) {
				String name = tag.getValue();
				// Not this application's own beans, whose names may start with its package.
				return name.toLowerCase(Locale.ROOT).contains("portend")
						&& !name.contains(BenchApplication.class.getPackageName());
			}
		}
		return false;
	}

	private static final class ReadyMarker implements ApplicationListener<ApplicationReadyEvent> {

		private final BufferingApplicationStartup startup;

		ReadyMarker(BufferingApplicationStartup startup) {
			this.startup = startup;
		}

		@Override
		public void onApplicationEvent(ApplicationReadyEvent event) {
			List<TimelineEvent> steps = this.startup.getBufferedTimeline().getEvents();
			Assert.state(steps.size() < STEPS, "The start-up recorded " + STEPS + " steps and maybe dropped some.");
			System.out.println(PORTEND_MAIN_THREAD_MS + " " + String.format(Locale.ROOT, "%.3f", portendMillis(steps)));
			System.out.println(READY);
			System.out.flush();
		}

	}

}
