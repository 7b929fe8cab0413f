#pragma once

#include "metrics/metrics_report.h"

#include <QByteArray>
#include <QJsonObject>

namespace faultline::metrics {

// The stable JSON of `faultline metrics --format json` (schema in the README). Keys are sorted and
// numbers rounded to 6 decimals, so one workspace and one set of options give the same bytes.
QJsonObject toJson(const MetricsReport& report);
QByteArray toJsonText(const MetricsReport& report);

// `--format csv`: one row per metric and segment: metric,segment,value,n.
QByteArray toCsv(const MetricsReport& report);

} // namespace faultline::metrics
