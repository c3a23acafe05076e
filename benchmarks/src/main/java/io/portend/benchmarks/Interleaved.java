package io.portend.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the variants of a benchmark trial after trial, each trial running every variant once and
 * the order rotating, so that drift in the machine's load hits every variant alike and none
 * always follows the same one.
 */
final class Interleaved {

	/** One run of one variant. */
	@FunctionalInterface
	interface Trial<T> {

		T run() throws Exception;

	}

	private Interleaved() {
	}

	/**
	 * @return each variant's values, in the order of the variants; the i-th values of all
	 * variants come from the same trial
	 */
	static <T> List<List<T>> run(int trials, List<Trial<T>> variants) throws Exception {
		List<List<T>> values = new ArrayList<>();
		for (int i = 0; i < variants.size(); i++) {
			values.add(new ArrayList<>(trials));
		}
		for (int i = 0; i < trials; i++) {
			for (int j = 0; j < variants.size(); j++) {
				int variant = (i + j) % variants.size();
				values.get(variant).add(variants.get(variant).run());
			}
		}
		return values;
	}

	/**
	 * @return each variant's values, in the order of the variants
	 */
	static List<Samples> samples(int trials, List<Trial<Double>> variants) throws Exception {
		return run(trials, variants).stream().map(Samples::of).toList();
	}

}
