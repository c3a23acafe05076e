/**
 * Auto-configuration of portend: the auto-configurations, the logic-free properties, their
 * binding checks, the conditions and the failure analyzers.
 */
@NullMarked
package io.portend.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
