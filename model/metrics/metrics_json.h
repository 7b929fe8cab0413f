#pragma once

#include "metrics/metrics_report.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace faultline::metrics {

// The stable JSON of `faultline metrics --format json` (schema in the README). Keys are sorted and
// numbers rounded to 6 decimals, so one workspace and one set of options give the same bytes.
QJsonObject toJson(const MetricsReport& report);
QByteArray toJsonText(const MetricsReport& report);

// One row of the flat metric list: `lead_time_hours_median`, `ai`, 18.5, 42.
struct MetricRow
{
    QString metric;
    const char* segment; // "all", "ai", "not_ai"
    std::optional<double> value;
    qint64 n = 0;
};

// Every metric of the report, one row per metric and segment, in the order `--format csv` and
// `faultline export metrics` write them.
std::vector<MetricRow> metricRows(const MetricsReport& report);

// `--format csv`: metricRows() as metric,segment,value,n.
QByteArray toCsv(const MetricsReport& report);

} // namespace faultline::metrics
