package io.portend.benchmarks.boot;

import java.util.Locale;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * The minimal application B7 and B8 start in JVMs of their own: nothing but what Spring Boot
 * auto-configures from the class path and the arguments. When it is ready it prints
 * {@value #PORTEND_MAIN_THREAD_MS} with the wall and CPU milliseconds that portend's start-up
 * steps took on the main thread and the milliseconds it waited for a core in them, then
 * {@value #READY}, and runs until stopped.
 */
@SpringBootApplication
public class BenchApplication {

	/** The line printed on {@link ApplicationReadyEvent}. */
	public static final String READY = "BENCH-APPLICATION-READY";

	/**
	 * The start of the line printed just before {@link #READY}, followed by the wall and the CPU
	 * milliseconds of portend's start-up steps on the main thread, and the milliseconds it waited
	 * for a core in them ({@code NaN} where that cannot be told); three decimals, a space before
	 * each.
	 */
	public static final String PORTEND_MAIN_THREAD_MS = "PORTEND-MAIN-THREAD-MS";

	/**
	 * Starts the application.
	 * @param args Spring Boot arguments, such as {@code --server.port=8080}
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BenchApplication.class);
		PortendStepClock clock = new PortendStepClock();
		application.setApplicationStartup(clock);
		application.addListeners(new ReadyMarker(clock));
		application.run(args);
	}

	private static final class ReadyMarker implements ApplicationListener<ApplicationReadyEvent> {

		private final PortendStepClock clock;

		ReadyMarker(PortendStepClock clock) {
			this.clock = clock;
		}

		@Override
		public void onApplicationEvent(ApplicationReadyEvent event) {
			System.out.println(String.format(Locale.ROOT, "%s %.3f %.3f %.3f", PORTEND_MAIN_THREAD_MS,
					this.clock.wallMillis(), this.clock.cpuMillis(), this.clock.runQueueMillis()));
			System.out.println(READY);
			System.out.flush();
		}

	}

}
