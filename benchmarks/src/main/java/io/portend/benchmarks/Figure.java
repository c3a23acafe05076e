package io.portend.benchmarks;

import java.io.Serializable;
import java.util.List;

/**
 * The outcome of one benchmark.
 * @param id the figure's id, such as {@code B1}
 * @param title what it shows
 * @param method how it was measured, and what the reference is
 * @param rows the measured series
 */
record Figure(String id, String title, String method, List<Row> rows) implements Serializable {

}
