package io.portend.benchmarks;

import java.nio.file.Path;

/**
 * How a run measures: full (the reported figures) or quick (a smoke run: few trials, shorter
 * delays), and where the build's outputs are.
 * @param quick whether this is a quick run
 * @param root the repository root
 * @param target the benchmarks module's build directory, holding benchmarks.jar and lib/
 */
record Plan(boolean quick, Path root, Path target) {

	int trials(int full, int quick) {
		return this.quick ? quick : full;
	}

}
