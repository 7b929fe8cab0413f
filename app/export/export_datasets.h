#pragma once

#include "metrics/metrics_options.h"
#include "store/export_queries.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace faultline::store {
class SqliteDatabase;
}

namespace faultline::exporting {

class CsvWriter;

// The datasets of `faultline export <dataset>`. Raw tables come straight from the store
// (store/export_queries); derived ones (clusters, hotspots, stages, metrics) from the metric
// functions of model/metrics, the same numbers the GUI and `faultline metrics` show.
enum class Dataset
{
    Deployments,
    Commits,
    Incidents,
    Clusters,
    Hotspots,
    Stages,
    Runs,
    Jobs,
    Tests,
    PullRequests,
    Metrics
};

// "deployments", "commits", … "pull-requests", "metrics", in the order above.
QStringList datasetNames();
QString datasetName(Dataset dataset);
std::optional<Dataset> datasetByName(const QString& name);
// One line: what a row is.
QString datasetDescription(Dataset dataset);
// The dataset's columns, snake_case and stable (the README documents them).
QStringList columns(Dataset dataset);
// What the period filters on, in words; empty for none.
QString datasetTimeColumn(Dataset dataset);
// Whether --service selects rows of the dataset.
bool datasetHasService(Dataset dataset);

struct DatasetOptions
{
    // Period, services, AI threshold, churn window, production rule: as `faultline metrics`.
    metrics::MetricsOptions metrics;
    // Commits only: all, AI-assisted or not (by metrics' isAiAssisted rule).
    store::ExportFilter::Segment segment = store::ExportFilter::Segment::All;
    // People's names and emails replaced by stable aliases over every person of the workspace.
    bool anonymise = false;
};

// Writes the header and every row of the dataset; returns the number of data rows. Throws
// store::StoreError, std::invalid_argument (a workspace setting that cannot be used) and
// CsvWriteError. The writer is not finished: the caller finishes it.
std::int64_t writeDataset(const store::SqliteDatabase& db, Dataset dataset, const DatasetOptions& options,
                          CsvWriter& writer);

} // namespace faultline::exporting
