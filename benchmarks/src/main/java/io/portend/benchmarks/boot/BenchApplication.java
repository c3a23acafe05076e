package io.portend.benchmarks.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * The minimal application B7 and B8 start in JVMs of their own: nothing but what Spring Boot
 * auto-configures from the class path and the arguments. It prints {@value #READY} when it is
 * ready, and runs until stopped.
 */
@SpringBootApplication
public class BenchApplication {

	/** The line printed on {@link ApplicationReadyEvent}. */
	public static final String READY = "BENCH-APPLICATION-READY";

	/**
	 * Starts the application.
	 * @param args Spring Boot arguments, such as {@code --server.port=8080}
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BenchApplication.class);
		application.addListeners(new ReadyMarker());
		application.run(args);
	}

	private static final class ReadyMarker implements ApplicationListener<ApplicationReadyEvent> {

		@Override
		public void onApplicationEvent(ApplicationReadyEvent event) {
			System.out.println(READY);
			System.out.flush();
		}

	}

}
