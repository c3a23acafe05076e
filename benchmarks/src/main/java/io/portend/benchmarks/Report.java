package io.portend.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a run's figures: a plain-text table for the console, and BENCHMARKS.md.
 */
final class Report {

	private static final List<String> HEADERS = List.of("id", "figure", "series", "portend-core p50 / p90 / max",
			"reference p50 / p90 / max", "comparison", "goal", "met");

	private final Plan plan;

	private final Machine machine;

	private final List<Figure> figures;

	private final List<String> errors;

	private final long elapsedSeconds;

	Report(Plan plan, Machine machine, List<Figure> figures, List<String> errors, long elapsedSeconds) {
		this.plan = plan;
		this.machine = machine;
		this.figures = figures;
		this.errors = errors;
		this.elapsedSeconds = elapsedSeconds;
	}

	static String number(double value) {
		double magnitude = Math.abs(value);
		String format = (magnitude >= 100 || magnitude == 0) ? "%.0f" : (magnitude >= 10) ? "%.1f" : "%.2f";
		return String.format(Locale.ROOT, format, value);
	}

	String console() {
		List<List<String>> table = new ArrayList<>();
		table.add(HEADERS);
		table.addAll(cells());
		int[] widths = new int[HEADERS.size()];
		for (List<String> line : table) {
			for (int i = 0; i < widths.length; i++) {
				widths[i] = Math.max(widths[i], line.get(i).length());
			}
		}
		StringBuilder out = new StringBuilder();
		out.append(title()).append('\n').append(this.machine.describe()).append(", ").append(this.machine.date())
			.append(", ").append(this.elapsedSeconds).append(" s\n\n");
		for (List<String> line : table) {
			for (int i = 0; i < widths.length; i++) {
				out.append(String.format("%-" + widths[i] + "s", line.get(i))).append((i < widths.length - 1) ? "  " : "\n");
			}
		}
		appendList(out.append('\n'), "Goals missed", misses(), "");
		appendList(out, "Errors", this.errors, "");
		return out.toString();
	}

	String markdown() {
		StringBuilder out = new StringBuilder();
		out.append("# Benchmarks\n\n");
		out.append("<!-- Written by the benchmarks module: re-run the command below instead of editing. -->\n\n");
		out.append("What portend-core exists for, measured: noticing at once that a port became occupied or free, "
				+ "cheaply, within an exact deadline, for many ports at once; telling a service that is ready from one "
				+ "that is only open, and what that costs; and what its CLI and Spring Boot starter cost. The reference is Python portend's own algorithm, re-implemented in the benchmark only "
				+ "(`PythonPortend`): each round tries a blocking connect to every address of the host (0.5 s "
				+ "timeout for `occupied`, 0.1 s for `free`), then sleeps 100 ms; the deadline is checked only "
				+ "between rounds. Where a figure compares with something else, it says so.\n\n");
		out.append("- Command: `").append(Benchmarks.COMMAND).append(this.plan.quick() ? " --quick" : "")
			.append("`\n");
		out.append("- Date: ").append(this.machine.date()).append(" (the run took ").append(this.elapsedSeconds)
			.append(" s)\n");
		out.append("- Machine: ").append(this.machine.describe()).append('\n');
		out.append("- Statistics: nearest-rank percentiles over every trial, never single runs; portend-core's "
				+ "and the reference's trials interleaved, so that drift in the machine's load hits both.\n");
		if (this.plan.quick()) {
			out.append("- **Quick mode: a smoke run with few trials. These figures are not representative.**\n");
		}
		if (this.machine.busy()) {
			out.append("- **The machine was busy (load average above its core count): the figures are noisy, and a "
					+ "difference smaller than the spread between p50 and p90 means nothing. Re-run on a quiet "
					+ "machine.**\n");
		}
		out.append('\n');
		out.append("| ").append(String.join(" | ", HEADERS)).append(" |\n|");
		out.append("---|".repeat(HEADERS.size())).append('\n');
		for (List<String> line : cells()) {
			out.append("| ").append(String.join(" | ", line)).append(" |\n");
		}
		out.append('\n');
		appendList(out, "## Goals missed", misses(), this.plan.quick() ? "Not judged in quick mode." : "None.");
		if (!this.errors.isEmpty()) {
			appendList(out, "## Errors", this.errors, "");
		}
		out.append("## How each figure is measured\n\n");
		for (Figure figure : this.figures) {
			out.append("- **").append(figure.id()).append(' ').append(figure.title()).append(".** ")
				.append(figure.method()).append('\n');
		}
		return out.toString();
	}

	private String title() {
		return "portend benchmarks" + (this.plan.quick() ? " (quick mode: a smoke run, figures not representative)"
				: "");
	}

	private List<List<String>> cells() {
		List<List<String>> cells = new ArrayList<>();
		for (Figure figure : this.figures) {
			for (Row row : figure.rows()) {
				Goal goal = row.goal();
				cells.add(List.of(figure.id(), figure.title(), row.label(), summary(row.candidate(), row.unit()),
						(row.reference() != null) ? summary(row.reference(), row.unit()) : "–", row.comparison(),
						(goal != null) ? goal.text() : "–",
						(goal == null || this.plan.quick()) ? "–" : goal.misses().isEmpty() ? "yes" : "**no**"));
			}
		}
		return cells;
	}

	/** None in quick mode: a smoke run checks that every figure measures, not what it measures. */
	private List<String> misses() {
		List<String> misses = new ArrayList<>();
		if (this.plan.quick()) {
			return misses;
		}
		for (Figure figure : this.figures) {
			for (Row row : figure.rows()) {
				if (row.goal() != null && !row.goal().misses().isEmpty()) {
					misses.add(figure.id() + " " + figure.title() + ", " + row.label() + ": measured "
							+ String.join(", ", row.goal().misses()));
				}
			}
		}
		return misses;
	}

	private static String summary(Samples samples, String unit) {
		return number(samples.median()) + " / " + number(samples.percentile(90)) + " / " + number(samples.max())
				+ " " + unit;
	}

	private static void appendList(StringBuilder out, String heading, List<String> items, String none) {
		if (items.isEmpty() && none.isEmpty()) {
			return;
		}
		out.append(heading).append("\n\n");
		if (items.isEmpty()) {
			out.append(none).append('\n');
		}
		for (String item : items) {
			out.append("- ").append(item).append('\n');
		}
		out.append('\n');
	}

}
