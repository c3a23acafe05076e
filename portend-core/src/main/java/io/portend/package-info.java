/**
 * Waiting for TCP ports to become occupied or free, and for services to answer ready in their
 * own protocol: {@link io.portend.Portend}'s functions, as Python's portend has them, the
 * {@link io.portend.Checker} behind them, and the values they take and report.
 */
@NullMarked
package io.portend;

import org.jspecify.annotations.NullMarked;
