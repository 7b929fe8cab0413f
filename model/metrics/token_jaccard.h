#pragma once

#include <QString>

#include <cstddef>
#include <utility>
#include <vector>

namespace faultline::metrics {

// The tokens of a normalised text for the repeat-incident title similarity (METRICS.md "Repeat
// incidents"): split on every character that is not a letter or a digit, so that placeholders such
// as "<n>" become the token "n"; sorted and distinct, as Jaccard compares sets.
std::vector<QString> similarityTokens(const QString& normalized);

// |A ∩ B| / |A ∪ B| of two sorted, distinct token lists; 0 when both are empty (no evidence of
// similarity).
double tokenJaccard(const std::vector<QString>& a, const std::vector<QString>& b);

// METRICS.md clusters: fingerprint groups (service, normalised text), sorted by service, merge with
// every group of the same service whose tokens share >= threshold Jaccard similarity, transitively.
// Returns each group's cluster as the index of its smallest member, so clusters do not depend on the
// order pairs are compared in. Used for repeat incidents and for CI failures.
std::vector<std::size_t> mergeSimilarGroups(const std::vector<std::pair<QString, QString>>& groups,
                                            double threshold);

} // namespace faultline::metrics
