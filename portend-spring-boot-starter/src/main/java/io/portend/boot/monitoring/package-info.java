/**
 * Monitoring after start-up: state change events and readiness gating.
 */
@NullMarked
package io.portend.boot.monitoring;

import org.jspecify.annotations.NullMarked;
