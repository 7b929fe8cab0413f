#pragma once

#include <QString>

namespace faultline::importers {

// The normalised text of a failure for its fingerprint (METRICS.md "Repeat incidents"): lower case;
// URLs, quoted values, timestamps, UUIDs, paths, hex ids and numbers replaced by placeholders;
// whitespace collapsed. Two failures that differ only in such details get the same text.
QString normalizeForFingerprint(const QString& text);

} // namespace faultline::importers
