#include "pipeline_models.h"

#include "metrics/metric_math.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

namespace faultline::models {

namespace {

constexpr std::int64_t kDayMs = 86400LL * 1000;

QVariant orNull(const std::optional<double>& value)
{
    return value ? QVariant(*value) : QVariant();
}

QString dateText(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).date().toString(Qt::ISODate);
}

QString money(std::optional<double> value)
{
    return value ? QString::number(*value, 'f', 2) : QStringLiteral("—");
}

} // namespace

// ---- StageTimingModel ------------------------------------------------------------------------

void StageTimingModel::setResult(const metrics::PipelineMetrics& pipeline, const metrics::StageWeeks& weeks)
{
    reset([&] {
        m_stages = pipeline.stages;
        m_totals.clear();
        for (const metrics::StageTiming& stage : m_stages) {
            metrics::StageTotal total { stage.stage, 0, std::nullopt };
            for (const metrics::StageTotal& t : weeks.totals)
                if (t.stage == stage.stage)
                    total = t;
            m_totals.push_back(total);
        }
    });
}

QString StageTimingModel::definition(Column column)
{
    switch (column) {
    case P50:
    case P90:
        return tr("Duration of the stage within a run attempt: from its first job's start to its last "
                  "job's finish (METRICS.md \"Pipeline stage timing\": p50 and p90 duration).");
    case Share:
        return tr("Share of run wall time: the stage's durations ÷ those runs' wall times.");
    case QueueP50:
        return tr("Queue time (started − queued), median over the stage's jobs.");
    case FailureRate:
        return tr("Failure rate: failed jobs ÷ finished jobs of the stage.");
    case RetryRate:
        return tr("Retry rate: jobs with attempt > 1 ÷ jobs of the stage.");
    case Runs:
        return tr("Run attempts with a job of this stage (n of p50/p90).");
    case Minutes:
        return tr("CI minutes = job durations summed (billable time where the export has it), per stage.");
    case Cost:
        return tr("Estimated cost = minutes × a per-runner-label rate from the workspace setting "
                  "metrics.runner_rates.");
    case Stage:
        return tr("Canonical stage from the CI-given stage or from name rules: checkout, setup, build, "
                  "lint, test, package, deploy, other.");
    case ColumnCount:
        break;
    }
    return {};
}

QString StageTimingModel::header(int column) const
{
    switch (Column(column)) {
    case Stage:
        return tr("Stage");
    case P50:
        return tr("p50");
    case P90:
        return tr("p90");
    case Share:
        return tr("Share");
    case QueueP50:
        return tr("Queue");
    case FailureRate:
        return tr("Failed");
    case RetryRate:
        return tr("Retried");
    case Runs:
        return tr("Runs");
    case Minutes:
        return tr("Minutes");
    case Cost:
        return tr("Est. cost");
    case ColumnCount:
        break;
    }
    return {};
}

QString StageTimingModel::headerToolTip(int column) const
{
    return definition(Column(column));
}

QVariant StageTimingModel::text(int row, int column) const
{
    const metrics::StageTiming& s = m_stages[size_t(row)];
    const metrics::StageTotal& total = m_totals[size_t(row)];
    switch (Column(column)) {
    case Stage:
        return s.stage;
    case P50:
        return formatSeconds(s.p50s);
    case P90:
        return formatSeconds(s.p90s);
    case Share:
        return formatPercent(s.share);
    case QueueP50:
        return formatSeconds(s.queueP50s);
    case FailureRate:
        return formatPercent(s.failureRate);
    case RetryRate:
        return formatPercent(s.retryRate);
    case Runs:
        return s.runs < metrics::kSmallSample ? tr("%1 (too few)").arg(s.runs) : QString::number(s.runs);
    case Minutes:
        return QString::number(total.minutes, 'f', 0);
    case Cost:
        return money(total.cost);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant StageTimingModel::raw(int row, int column) const
{
    const metrics::StageTiming& s = m_stages[size_t(row)];
    switch (Column(column)) {
    case Stage:
        return s.stage;
    case P50:
        return orNull(s.p50s);
    case P90:
        return orNull(s.p90s);
    case Share:
        return orNull(s.share);
    case QueueP50:
        return orNull(s.queueP50s);
    case FailureRate:
        return orNull(s.failureRate);
    case RetryRate:
        return orNull(s.retryRate);
    case Runs:
        return qlonglong(s.runs);
    case Minutes:
        return m_totals[size_t(row)].minutes;
    case Cost:
        return orNull(m_totals[size_t(row)].cost);
    case ColumnCount:
        break;
    }
    return {};
}

QString StageTimingModel::toolTip(int row, int column) const
{
    const metrics::StageTiming& s = m_stages[size_t(row)];
    long long n = s.runs;
    if (column == FailureRate)
        n = s.finished;
    else if (column == RetryRate || column == QueueP50 || column == Minutes || column == Cost)
        n = s.jobs;
    QString tip = definition(Column(column)) + QLatin1Char('\n') + formatN(n);
    if (column == FailureRate)
        tip += tr(" (finished jobs; %1 failed)").arg(s.failed);
    tip += QLatin1Char('\n') + tr("Double-click for the %1 jobs behind the stage.").arg(s.jobs);
    return tip;
}

bool StageTimingModel::smallSample(int row, int column) const
{
    const metrics::StageTiming& s = m_stages[size_t(row)];
    if (column == FailureRate)
        return s.finished < metrics::kSmallSample;
    if (column == RetryRate || column == QueueP50)
        return s.jobs < metrics::kSmallSample;
    if (column == P50 || column == P90 || column == Share || column == Runs)
        return s.runs < metrics::kSmallSample;
    return false;
}

// ---- StageWeeksModel -------------------------------------------------------------------------

void StageWeeksModel::setResult(const metrics::StageWeeks& weeks)
{
    reset([&] { m_weeks = weeks; });
}

void StageWeeksModel::setMeasure(Measure measure)
{
    if (measure == m_measure)
        return;
    reset([&] { m_measure = measure; });
}

QString StageWeeksModel::measureName(Measure measure)
{
    switch (measure) {
    case P50Minutes:
        return tr("p50 stage duration (minutes)");
    case P90Minutes:
        return tr("p90 stage duration (minutes)");
    case CiMinutes:
        return tr("CI minutes");
    case EstimatedCost:
        return tr("Estimated CI cost");
    }
    return {};
}

QStringList StageWeeksModel::weekLabels() const
{
    QStringList labels;
    for (int row = 0; row < rowCount(); ++row)
        labels << index(row, 0).data(WeekLabelRole).toString();
    return labels;
}

QVariant StageWeeksModel::data(const QModelIndex& index, int role) const
{
    if (role == WeekLabelRole) {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        const QDate day
            = QDateTime::fromMSecsSinceEpoch(m_weeks.mondays[size_t(index.row())] * kDayMs, QTimeZone::utc())
                  .date();
        return QLocale().toString(day, QStringLiteral("MMM d"));
    }
    return MetricTableModel::data(index, role);
}

QString StageWeeksModel::header(int column) const
{
    return m_weeks.stages[size_t(column)];
}

QVariant StageWeeksModel::text(int row, int column) const
{
    const metrics::StageWeekCell& cell = m_weeks.cells[size_t(row)][size_t(column)];
    switch (m_measure) {
    case P50Minutes:
        return cell.p50s.value_or(0) / 60.0;
    case P90Minutes:
        return cell.p90s.value_or(0) / 60.0;
    case CiMinutes:
        return cell.minutes;
    case EstimatedCost:
        return cell.cost.value_or(0);
    }
    return {};
}

QString StageWeeksModel::toolTip(int row, int column) const
{
    const metrics::StageWeekCell& cell = m_weeks.cells[size_t(row)][size_t(column)];
    const QString week = metrics::isoDateOfDay(m_weeks.mondays[size_t(row)]);
    return tr("Week of %1 · %2\np50 %3 · p90 %4 (%5 run attempts)\nCI minutes %6 · est. cost %7\n"
              "Stage duration within a run attempt, by the week the attempt started; CI minutes = job "
              "durations summed, by the week the job started.")
        .arg(week, m_weeks.stages[size_t(column)], formatSeconds(cell.p50s), formatSeconds(cell.p90s),
             formatN(cell.runs), QString::number(cell.minutes, 'f', 1), money(cell.cost));
}

bool StageWeeksModel::smallSample(int row, int column) const
{
    return m_weeks.cells[size_t(row)][size_t(column)].runs < metrics::kSmallSample;
}

// ---- CacheSavingsModel -----------------------------------------------------------------------

void CacheSavingsModel::setResult(const std::vector<metrics::CacheSaving>& cache)
{
    reset([&] { m_rows = cache; });
}

QString CacheSavingsModel::header(int column) const
{
    switch (Column(column)) {
    case Step:
        return tr("Step");
    case Hits:
        return tr("Hits");
    case Misses:
        return tr("Misses");
    case HitRate:
        return tr("Hit rate");
    case MedianHit:
        return tr("Median hit");
    case MedianMiss:
        return tr("Median miss");
    case Saving:
        return tr("Est. saving");
    case ColumnCount:
        break;
    }
    return {};
}

QString CacheSavingsModel::headerToolTip(int) const
{
    return tr("Cache: a step whose log shows a cache restore is a hit or a miss; estimated saving = "
              "(median miss duration − median hit duration) × misses.");
}

QVariant CacheSavingsModel::text(int row, int column) const
{
    const metrics::CacheSaving& c = m_rows[size_t(row)];
    switch (Column(column)) {
    case Step:
        return c.step;
    case Hits:
        return QString::number(c.hits);
    case Misses:
        return QString::number(c.misses);
    case HitRate:
        return c.hits + c.misses > 0 ? formatPercent(double(c.hits) / double(c.hits + c.misses))
                                     : QStringLiteral("—");
    case MedianHit:
        return formatSeconds(c.medianHitS);
    case MedianMiss:
        return formatSeconds(c.medianMissS);
    case Saving:
        return formatSeconds(c.estimatedSavingS);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CacheSavingsModel::raw(int row, int column) const
{
    const metrics::CacheSaving& c = m_rows[size_t(row)];
    switch (Column(column)) {
    case Step:
        return c.step;
    case Hits:
        return qlonglong(c.hits);
    case Misses:
        return qlonglong(c.misses);
    case HitRate:
        return c.hits + c.misses > 0 ? QVariant(double(c.hits) / double(c.hits + c.misses)) : QVariant();
    case MedianHit:
        return orNull(c.medianHitS);
    case MedianMiss:
        return orNull(c.medianMissS);
    case Saving:
        return orNull(c.estimatedSavingS);
    case ColumnCount:
        break;
    }
    return {};
}

QString CacheSavingsModel::toolTip(int row, int) const
{
    const metrics::CacheSaving& c = m_rows[size_t(row)];
    return headerToolTip(0) + QLatin1Char('\n') + formatN(c.hits + c.misses)
        + tr(" restores (%1 hits, %2 misses)").arg(c.hits).arg(c.misses);
}

bool CacheSavingsModel::smallSample(int row, int) const
{
    const metrics::CacheSaving& c = m_rows[size_t(row)];
    return c.hits + c.misses < metrics::kSmallSample;
}

// ---- SlowJobsModel ---------------------------------------------------------------------------

void SlowJobsModel::setResult(const std::vector<metrics::SlowJob>& jobs)
{
    reset([&] { m_rows = jobs; });
}

QString SlowJobsModel::header(int column) const
{
    switch (Column(column)) {
    case Job:
        return m_kind == Kind::Steps ? tr("Job › step") : tr("Job");
    case Stage:
        return tr("Stage");
    case P50:
        return tr("p50");
    case P90:
        return tr("p90");
    case Jobs:
        return tr("Runs");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant SlowJobsModel::text(int row, int column) const
{
    const metrics::SlowJob& j = m_rows[size_t(row)];
    switch (Column(column)) {
    case Job:
        return j.name;
    case Stage:
        return j.stage;
    case P50:
        return formatSeconds(j.p50s);
    case P90:
        return formatSeconds(j.p90s);
    case Jobs:
        return j.jobs < metrics::kSmallSample ? tr("%1 (too few)").arg(j.jobs) : QString::number(j.jobs);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant SlowJobsModel::raw(int row, int column) const
{
    const metrics::SlowJob& j = m_rows[size_t(row)];
    switch (Column(column)) {
    case Job:
        return j.name;
    case Stage:
        return j.stage;
    case P50:
        return orNull(j.p50s);
    case P90:
        return orNull(j.p90s);
    case Jobs:
        return qlonglong(j.jobs);
    case ColumnCount:
        break;
    }
    return {};
}

QString SlowJobsModel::toolTip(int row, int) const
{
    const metrics::SlowJob& j = m_rows[size_t(row)];
    if (m_kind == Kind::Steps)
        return tr("Duration of the step \"%1\" (its own start → finish) in each job that ran it; p50 and p90 "
                  "over the period.\n%2")
            .arg(j.name, formatN(j.jobs));
    return tr("Duration of each job named \"%1\" (its own start → finish); p50 and p90 over the period.\n%2")
        .arg(j.name, formatN(j.jobs));
}

bool SlowJobsModel::smallSample(int row, int) const
{
    return m_rows[size_t(row)].jobs < metrics::kSmallSample;
}

// ---- CiClustersModel -------------------------------------------------------------------------

void CiClustersModel::setResult(const metrics::CiFailures& failures)
{
    reset([&] { m_rows = failures.clusters; });
}

QString CiClustersModel::header(int column) const
{
    switch (Column(column)) {
    case Job:
        return tr("Job");
    case Service:
        return tr("Service");
    case ErrorLine:
        return tr("First error line");
    case Failures:
        return tr("Failures");
    case Runs:
        return tr("Runs");
    case Commits:
        return tr("Commits");
    case Last:
        return tr("Last seen");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CiClustersModel::text(int row, int column) const
{
    const metrics::CiFailureCluster& c = m_rows[size_t(row)];
    switch (Column(column)) {
    case Job:
        return c.job;
    case Service:
        return c.service;
    case ErrorLine:
        return c.errorLine;
    case Failures:
        return QString::number(c.count);
    case Runs:
        return QString::number(c.runs);
    case Commits:
        return QString::number(c.commits);
    case Last:
        return dateText(c.lastMs);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CiClustersModel::raw(int row, int column) const
{
    const metrics::CiFailureCluster& c = m_rows[size_t(row)];
    switch (Column(column)) {
    case Failures:
        return qlonglong(c.count);
    case Runs:
        return qlonglong(c.runs);
    case Commits:
        return qlonglong(c.commits);
    case Last:
        return qlonglong(c.lastMs);
    default:
        return text(row, column);
    }
}

QString CiClustersModel::toolTip(int row, int) const
{
    const metrics::CiFailureCluster& c = m_rows[size_t(row)];
    return tr("CI failures get fingerprints from job/step name + the first error line of the log, "
              "clustered like incidents.\nFingerprint %1 · %2 failed jobs in %3 runs, %4 – %5\n%6")
        .arg(c.fingerprint)
        .arg(c.count)
        .arg(c.runs)
        .arg(dateText(c.firstMs), dateText(c.lastMs), c.errorLine);
}

// ---- FlakyTestsModel -------------------------------------------------------------------------

void FlakyTestsModel::setResult(const metrics::CiFailures& failures)
{
    reset([&] { m_rows = failures.flakyTests; });
}

QString FlakyTestsModel::header(int column) const
{
    switch (Column(column)) {
    case Test:
        return tr("Flaky test");
    case Results:
        return tr("Flaky results");
    case Commits:
        return tr("Commits");
    case Last:
        return tr("Last seen");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant FlakyTestsModel::text(int row, int column) const
{
    const metrics::FlakyTest& t = m_rows[size_t(row)];
    switch (Column(column)) {
    case Test:
        return t.test;
    case Results:
        return QString::number(t.results);
    case Commits:
        return QString::number(t.commits);
    case Last:
        return dateText(t.lastMs);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant FlakyTestsModel::raw(int row, int column) const
{
    const metrics::FlakyTest& t = m_rows[size_t(row)];
    switch (Column(column)) {
    case Results:
        return qlonglong(t.results);
    case Commits:
        return qlonglong(t.commits);
    case Last:
        return qlonglong(t.lastMs);
    default:
        return text(row, column);
    }
}

QString FlakyTestsModel::toolTip(int row, int) const
{
    const metrics::FlakyTest& t = m_rows[size_t(row)];
    QStringList ids;
    for (size_t i = 0; i < t.resultIds.size() && i < 20; ++i)
        ids << QStringLiteral("#%1").arg(t.resultIds[i]);
    if (t.resultIds.size() > 20)
        ids << QStringLiteral("…");
    return tr("Flaky test: the same test fails and passes on the same commit.\n%1 flaky results on %2 "
              "commits\nTest results: %3")
        .arg(t.results)
        .arg(t.commits)
        .arg(ids.join(QStringLiteral(", ")));
}

// ---- JobRowsModel ----------------------------------------------------------------------------

std::vector<JobRow> describeJobs(const std::vector<std::int64_t>& ids,
                                 const std::function<const store::PipelineJob*(std::int64_t)>& lookup,
                                 const QString& reason)
{
    std::vector<JobRow> rows;
    rows.reserve(ids.size());
    for (const std::int64_t id : ids) {
        JobRow row;
        row.jobId = id;
        row.reason = reason;
        if (const store::PipelineJob* job = lookup ? lookup(id) : nullptr) {
            row.runId = job->runId;
            row.name = job->name;
            row.stage = job->stage.isEmpty() ? QStringLiteral("other") : job->stage;
            row.outcome = job->conclusion.isEmpty() ? job->status : job->conclusion;
            // The runner's name, else its labels (hosted runners only have labels).
            row.runner = job->runner.isEmpty() ? job->runnerLabels : job->runner;
            if (job->durationMs)
                row.durationS = double(*job->durationMs) / 1000.0;
            else if (job->startedAt && job->finishedAt && *job->finishedAt >= *job->startedAt)
                row.durationS = double(*job->finishedAt - *job->startedAt) / 1000.0;
            if (job->queuedMs && *job->queuedMs >= 0)
                row.queueS = double(*job->queuedMs) / 1000.0;
            row.attempt = job->attempt;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

void JobRowsModel::setRows(std::vector<JobRow> rows)
{
    reset([&] { m_rows = std::move(rows); });
}

QString JobRowsModel::header(int column) const
{
    switch (Column(column)) {
    case JobId:
        return tr("Job");
    case Run:
        return tr("Run");
    case Name:
        return tr("Name");
    case Stage:
        return tr("Stage");
    case Outcome:
        return tr("Outcome");
    case Duration:
        return tr("Duration");
    case Queue:
        return tr("Queued");
    case Attempt:
        return tr("Attempt");
    case Runner:
        return tr("Runner");
    case Reason:
        return tr("Why it counts");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant JobRowsModel::text(int row, int column) const
{
    const JobRow& r = m_rows[size_t(row)];
    switch (Column(column)) {
    case JobId:
        return QStringLiteral("#%1").arg(r.jobId);
    case Run:
        return r.runId ? QStringLiteral("#%1").arg(r.runId) : QString();
    case Name:
        return r.name;
    case Stage:
        return r.stage;
    case Outcome:
        return r.outcome;
    case Duration:
        return formatSeconds(r.durationS);
    case Queue:
        return formatSeconds(r.queueS);
    case Attempt:
        return QString::number(r.attempt);
    case Runner:
        return r.runner;
    case Reason:
        return r.reason;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant JobRowsModel::raw(int row, int column) const
{
    const JobRow& r = m_rows[size_t(row)];
    switch (Column(column)) {
    case JobId:
        return qlonglong(r.jobId);
    case Run:
        return qlonglong(r.runId);
    case Duration:
        return orNull(r.durationS);
    case Queue:
        return orNull(r.queueS);
    case Attempt:
        return r.attempt;
    default:
        return text(row, column);
    }
}

} // namespace faultline::models
