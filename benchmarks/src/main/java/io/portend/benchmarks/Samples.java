package io.portend.benchmarks;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The values of one measured series, summarised by nearest-rank percentiles (no
 * interpolation: every figure reported is a value actually measured).
 */
final class Samples implements Serializable {

	private final double[] sorted;

	private Samples(double[] sorted) {
		this.sorted = sorted;
	}

	static Samples of(List<Double> values) {
		if (values.isEmpty()) {
			throw new IllegalArgumentException("A series needs at least one value.");
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(sorted);
		return new Samples(sorted);
	}

	int size() {
		return this.sorted.length;
	}

	double percentile(int percent) {
		int rank = (int) Math.ceil(percent / 100.0 * this.sorted.length);
		return this.sorted[Math.max(rank, 1) - 1];
	}

	double median() {
		return percentile(50);
	}

	double max() {
		return this.sorted[this.sorted.length - 1];
	}

}
