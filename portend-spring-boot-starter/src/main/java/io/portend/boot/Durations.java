package io.portend.boot;

import java.time.Duration;

/**
 * Writes durations as they are written in properties, for log lines and failure reports.
 */
public final class Durations {

	private Durations() {
	}

	/**
	 * Formats a duration as it is written in properties: {@code 60s}, {@code 1500ms}.
	 * @param duration the duration
	 * @return the text
	 */
	public static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}
