package io.portend.benchmarks;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A figure's goal, clause by clause, and the clauses its measurement missed.
 */
final class Goal implements Serializable {

	private final List<String> clauses = new ArrayList<>();

	private final List<String> misses = new ArrayList<>();

	Goal atMost(String what, double measured, double limit, String unit) {
		this.clauses.add(what + " ≤ " + limit(limit) + unit);
		if (measured > limit) {
			this.misses.add(what + " " + Report.number(measured) + unit + " > " + limit(limit) + unit);
		}
		return this;
	}

	Goal atLeast(String what, double measured, double limit, String unit) {
		this.clauses.add(what + " ≥ " + limit(limit) + unit);
		if (measured < limit) {
			this.misses.add(what + " " + Report.number(measured) + unit + " < " + limit(limit) + unit);
		}
		return this;
	}

	/** Goals are round numbers: 5 ms, not 5.00 ms. */
	private static String limit(double limit) {
		return (limit == Math.rint(limit)) ? Long.toString((long) limit) : Report.number(limit);
	}

	String text() {
		return String.join(", ", this.clauses);
	}

	List<String> misses() {
		return this.misses;
	}

}
