#pragma once

#include <QString>

#include <vector>

namespace faultline::metrics {

// The tokens of a normalised text for the repeat-incident title similarity (METRICS.md "Repeat
// incidents"): split on every character that is not a letter or a digit, so that placeholders such
// as "<n>" become the token "n"; sorted and distinct, as Jaccard compares sets.
std::vector<QString> similarityTokens(const QString& normalized);

// |A ∩ B| / |A ∪ B| of two sorted, distinct token lists; 0 when both are empty (no evidence of
// similarity).
double tokenJaccard(const std::vector<QString>& a, const std::vector<QString>& b);

} // namespace faultline::metrics
