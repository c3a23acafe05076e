package io.portend.benchmarks;

import java.io.Serializable;

/**
 * One measured series of a figure.
 * @param label what was measured
 * @param unit the unit of every value, such as {@code ms}
 * @param candidate portend-core's values
 * @param reference the reference's values, or {@code null} if there is none
 * @param comparison how the two compare, such as {@code 18× faster}
 * @param goal the goal and what it missed, or {@code null} if the series has none
 */
record Row(String label, String unit, Samples candidate, Samples reference, String comparison, Goal goal) implements Serializable {

	/** portend-core's median is this many times better than the reference's. */
	static String timesBetter(Samples candidate, Samples reference) {
		return Report.number(reference.median() / candidate.median()) + "× better (p50)";
	}

	/** portend-core's median minus the reference's. */
	static String added(Samples candidate, Samples reference, String unit) {
		return added(candidate, reference, unit, "reference");
	}

	/** portend-core's median minus that of another series, which the text calls {@code name}. */
	static String added(Samples candidate, Samples other, String unit, String name) {
		double added = candidate.median() - other.median();
		return ((added >= 0) ? "+" : "") + Report.number(added) + " " + unit + " vs " + name + " (p50)";
	}

}
