package io.portend.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * A figure's goal, clause by clause, and the clauses its measurement missed.
 */
final class Goal {

	private final List<String> clauses = new ArrayList<>();

	private final List<String> misses = new ArrayList<>();

	Goal atMost(String what, double measured, double limit, String unit) {
		this.clauses.add(what + " ≤ " + Report.number(limit) + unit);
		if (measured > limit) {
			this.misses.add(what + " " + Report.number(measured) + unit + " > " + Report.number(limit) + unit);
		}
		return this;
	}

	Goal atLeast(String what, double measured, double limit, String unit) {
		this.clauses.add(what + " ≥ " + Report.number(limit) + unit);
		if (measured < limit) {
			this.misses.add(what + " " + Report.number(measured) + unit + " < " + Report.number(limit) + unit);
		}
		return this;
	}

	String text() {
		return String.join(", ", this.clauses);
	}

	List<String> misses() {
		return this.misses;
	}

}
