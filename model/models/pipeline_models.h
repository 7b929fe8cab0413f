#pragma once

#include "metrics/ci_failures.h"
#include "metrics/pipeline_metrics.h"
#include "metrics/stage_weeks.h"
#include "models/metric_table_model.h"

#include <functional>
#include <vector>

namespace faultline::models {

// The Pipeline view's tables and chart models (issue 7, view 2). Each adapts one part of
// metrics::PipelineMetrics / StageWeeks / CiFailures; none computes a number of its own.

// Per stage: p50/p90, share of run wall time, queue time, failure and retry rate, CI minutes and cost.
class StageTimingModel : public MetricTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Stage,
        P50,
        P90,
        Share,
        QueueP50,
        FailureRate,
        RetryRate,
        Runs,
        Minutes,
        Cost,
        ColumnCount
    };
    Q_ENUM(Column)

    using MetricTableModel::MetricTableModel;
    void setResult(const metrics::PipelineMetrics& pipeline, const metrics::StageWeeks& weeks);
    const metrics::StageTiming& stage(int row) const { return m_stages[size_t(row)]; }
    static QString definition(Column column); // METRICS.md

protected:
    int rows() const override { return int(m_stages.size()); }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    ValueUnit unit(int column) const override
    {
        return column == P50 || column == P90 || column == QueueP50 ? ValueUnit::Seconds : ValueUnit::None;
    }
    QString headerToolTip(int column) const override;
    QVariant text(int row, int column) const override;
    QVariant raw(int row, int column) const override;
    QString toolTip(int row, int column) const override;
    bool smallSample(int row, int column) const override;

private:
    std::vector<metrics::StageTiming> m_stages;
    std::vector<metrics::StageTotal> m_totals; // by row
};

// Rows = weeks, columns = stages: the stacked bars of the Pipeline chart. DisplayRole is the number the
// bar mapper reads (minutes of p50 / p90 duration, CI minutes or cost; 0 where a stage did not run).
class StageWeeksModel : public MetricTableModel
{
    Q_OBJECT

public:
    enum Measure
    {
        P50Minutes,
        P90Minutes,
        CiMinutes,
        EstimatedCost
    };
    Q_ENUM(Measure)
    enum
    {
        WeekLabelRole = Qt::UserRole + 10 // "Mar 2"
    };

    using MetricTableModel::MetricTableModel;
    void setResult(const metrics::StageWeeks& weeks);
    void setMeasure(Measure measure);
    Measure measure() const { return m_measure; }
    const metrics::StageWeeks& result() const { return m_weeks; }
    QStringList weekLabels() const;
    static QString measureName(Measure measure);
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override { return int(m_weeks.mondays.size()); }
    int columns() const override { return int(m_weeks.stages.size()); }
    QString header(int column) const override;
    QVariant text(int row, int column) const override;
    QString toolTip(int row, int column) const override;
    bool smallSample(int row, int column) const override;

private:
    metrics::StageWeeks m_weeks;
    Measure m_measure = P50Minutes;
};

class CacheSavingsModel : public MetricTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Step,
        Hits,
        Misses,
        HitRate,
        MedianHit,
        MedianMiss,
        Saving,
        ColumnCount
    };
    Q_ENUM(Column)

    using MetricTableModel::MetricTableModel;
    void setResult(const std::vector<metrics::CacheSaving>& cache);
    const metrics::CacheSaving& saving(int row) const { return m_rows[size_t(row)]; }

protected:
    int rows() const override { return int(m_rows.size()); }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    ValueUnit unit(int column) const override
    {
        return column == MedianHit || column == MedianMiss || column == Saving ? ValueUnit::Seconds
                                                                               : ValueUnit::None;
    }
    QString headerToolTip(int column) const override;
    QVariant text(int row, int column) const override;
    QVariant raw(int row, int column) const override;
    QString toolTip(int row, int column) const override;
    bool smallSample(int row, int column) const override;

private:
    std::vector<metrics::CacheSaving> m_rows;
};

class SlowJobsModel : public MetricTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Job,
        Stage,
        P50,
        P90,
        Jobs,
        ColumnCount
    };
    Q_ENUM(Column)

    // Jobs by name, or steps by job and step name (metrics::slowestSteps).
    enum class Kind
    {
        Jobs,
        Steps
    };

    using MetricTableModel::MetricTableModel;
    void setKind(Kind kind) { m_kind = kind; }
    Kind kind() const { return m_kind; }
    void setResult(const std::vector<metrics::SlowJob>& jobs);
    const metrics::SlowJob& job(int row) const { return m_rows[size_t(row)]; }

protected:
    int rows() const override { return int(m_rows.size()); }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    ValueUnit unit(int column) const override
    {
        return column == P50 || column == P90 ? ValueUnit::Seconds : ValueUnit::None;
    }
    QVariant text(int row, int column) const override;
    QVariant raw(int row, int column) const override;
    QString toolTip(int row, int column) const override;
    bool smallSample(int row, int column) const override;

private:
    std::vector<metrics::SlowJob> m_rows;
    Kind m_kind = Kind::Jobs;
};

class CiClustersModel : public MetricTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Job,
        Service,
        ErrorLine,
        Failures,
        Runs,
        Commits,
        Last,
        ColumnCount
    };
    Q_ENUM(Column)

    using MetricTableModel::MetricTableModel;
    void setResult(const metrics::CiFailures& failures);
    const metrics::CiFailureCluster& cluster(int row) const { return m_rows[size_t(row)]; }

protected:
    int rows() const override { return int(m_rows.size()); }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    ValueUnit unit(int column) const override
    {
        return column == Last ? ValueUnit::EpochMs : ValueUnit::None;
    }
    QVariant text(int row, int column) const override;
    QVariant raw(int row, int column) const override;
    QString toolTip(int row, int column) const override;

private:
    std::vector<metrics::CiFailureCluster> m_rows;
};

class FlakyTestsModel : public MetricTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        Test,
        Results,
        Commits,
        Last,
        ColumnCount
    };
    Q_ENUM(Column)

    using MetricTableModel::MetricTableModel;
    void setResult(const metrics::CiFailures& failures);
    const metrics::FlakyTest& test(int row) const { return m_rows[size_t(row)]; }

protected:
    int rows() const override { return int(m_rows.size()); }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    ValueUnit unit(int column) const override
    {
        return column == Last ? ValueUnit::EpochMs : ValueUnit::None;
    }
    QVariant text(int row, int column) const override;
    QVariant raw(int row, int column) const override;
    QString toolTip(int row, int column) const override;

private:
    std::vector<metrics::FlakyTest> m_rows;
};

// One CI job behind a number (drill-down), with the reason it counts.
struct JobRow
{
    std::int64_t jobId = 0;
    std::int64_t runId = 0; // 0 when the job is not among the period's pipeline facts
    QString name;
    QString stage;
    QString outcome;
    QString runner;
    std::optional<double> durationS;
    std::optional<double> queueS;
    int attempt = 1;
    QString reason;
};

// The jobs `ids` names, described from `lookup` (null when the job is unknown), each with `reason`.
std::vector<JobRow> describeJobs(const std::vector<std::int64_t>& ids,
                                 const std::function<const store::PipelineJob*(std::int64_t)>& lookup,
                                 const QString& reason);

class JobRowsModel : public MetricTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        JobId,
        Run,
        Name,
        Stage,
        Outcome,
        Duration,
        Queue,
        Attempt,
        Runner,
        Reason,
        ColumnCount
    };
    Q_ENUM(Column)

    using MetricTableModel::MetricTableModel;
    void setRows(std::vector<JobRow> rows);
    const std::vector<JobRow>& jobRows() const { return m_rows; }

protected:
    int rows() const override { return int(m_rows.size()); }
    int columns() const override { return ColumnCount; }
    QString header(int column) const override;
    ValueUnit unit(int column) const override
    {
        return column == Duration || column == Queue ? ValueUnit::Seconds : ValueUnit::None;
    }
    QVariant text(int row, int column) const override;
    QVariant raw(int row, int column) const override;

private:
    std::vector<JobRow> m_rows;
};

} // namespace faultline::models
