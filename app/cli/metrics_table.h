#pragma once

#include "metrics/metrics_report.h"

#include <QTextStream>

namespace faultline::cli {

// `faultline metrics` for people: the DORA metrics side by side for all / AI-assisted / not, then the
// lead-time breakdown, CI stages, code rework, repeat incidents and the archetype.
void printMetricsTable(QTextStream& out, const metrics::MetricsReport& report);

} // namespace faultline::cli
