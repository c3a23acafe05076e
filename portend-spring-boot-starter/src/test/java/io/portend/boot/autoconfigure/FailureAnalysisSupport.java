package io.portend.boot.autoconfigure;

import org.apache.commons.logging.LogFactory;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

/**
 * Analyzes a start-up failure as Spring Boot does: the first of the registered failure
 * analyzers, in order, that explains it.
 */
final class FailureAnalysisSupport {

	private FailureAnalysisSupport() {
	}

	static FailureAnalysis analyze(Throwable failure) {
		for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, FailureHandler.logging(LogFactory.getLog(FailureAnalysisSupport.class)))) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		throw new AssertionError("No failure analyzer explains " + failure, failure);
	}

	static String report(FailureAnalysis analysis) {
		return "Description:\n\n" + analysis.getDescription() + "\n\nAction:\n\n" + analysis.getAction();
	}

}
