/**
 * Micrometer meters and observations of the watched targets and of the start-up wait.
 */
@NullMarked
package io.portend.boot.metrics;

import org.jspecify.annotations.NullMarked;
