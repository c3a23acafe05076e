/**
 * Auto-configuration of portend's metrics and of the observation of its start-up wait.
 */
@NullMarked
package io.portend.boot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
