#include "stage_weeks.h"

#include "metric_math.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace faultline::metrics {

namespace {

// Durations by job (or job › step) name, for the slowest-first tables.
struct NamedDurations
{
    QString stage;
    std::vector<double> seconds;
    std::vector<std::int64_t> jobIds;
};

// p50/p90 per name; highest p90 first, then name; at most `limit` (all when negative).
std::vector<SlowJob> rankSlowest(std::map<QString, NamedDurations>& byName, int limit)
{
    std::vector<SlowJob> out;
    for (auto& [name, named] : byName) {
        SlowJob row;
        row.name = name;
        row.stage = named.stage;
        row.jobs = int(named.seconds.size());
        row.p50s = percentile(named.seconds, 50);
        row.p90s = percentile(named.seconds, 90);
        row.jobIds = std::move(named.jobIds);
        if (row.p90s)
            out.push_back(std::move(row));
    }
    std::sort(out.begin(), out.end(), [](const SlowJob& a, const SlowJob& b) {
        return *a.p90s != *b.p90s ? *a.p90s > *b.p90s : a.name < b.name;
    });
    if (limit >= 0 && out.size() > size_t(limit))
        out.resize(size_t(limit));
    return out;
}

// The same order as the stage table of computePipelineMetrics, so chart and table list stages alike.
int stageRank(const QString& stage)
{
    static const QStringList order { QStringLiteral("checkout"), QStringLiteral("setup"),
                                     QStringLiteral("build"),    QStringLiteral("lint"),
                                     QStringLiteral("test"),     QStringLiteral("package"),
                                     QStringLiteral("deploy"),   QStringLiteral("other") };
    const qsizetype i = order.indexOf(stage);
    return i < 0 ? int(order.size()) : int(i);
}

std::optional<std::int64_t> jobDurationMs(const store::PipelineJob& job)
{
    if (job.durationMs)
        return job.durationMs;
    if (job.startedAt && job.finishedAt && *job.finishedAt >= *job.startedAt)
        return *job.finishedAt - *job.startedAt;
    return std::nullopt;
}

// CI minutes are billed per runner label: the first label, else the runner's name (as
// computePipelineMetrics does, so the costs add up to its estimate).
QString runnerOf(const store::PipelineJob& job, QHash<QString, QString>& firstLabels)
{
    if (!job.runnerLabels.isEmpty()) {
        auto it = firstLabels.find(job.runnerLabels);
        if (it == firstLabels.end()) {
            const QJsonArray labels = QJsonDocument::fromJson(job.runnerLabels.toUtf8()).array();
            it = firstLabels.insert(job.runnerLabels,
                                    labels.isEmpty() ? QString() : labels.first().toString());
        }
        if (!it->isEmpty())
            return *it;
    }
    return job.runner.isEmpty() ? QStringLiteral("unknown") : job.runner;
}

struct Span
{
    std::optional<std::int64_t> first;
    std::optional<std::int64_t> last;
    std::int64_t summedMs = 0;
    bool timed = false;
    std::optional<std::int64_t> runStart;
};

} // namespace

StageWeeks computeStageWeeks(const store::PipelineFacts& facts, const QHash<QString, double>& rates,
                             int slowestLimit)
{
    StageWeeks out;
    const QString other = QStringLiteral("other");

    std::vector<const store::PipelineJob*> ordered;
    ordered.reserve(facts.jobs.size());
    for (const store::PipelineJob& job : facts.jobs)
        ordered.push_back(&job);
    std::sort(ordered.begin(), ordered.end(), [](const store::PipelineJob* x, const store::PipelineJob* y) {
        return std::pair(x->runId, x->id) < std::pair(y->runId, y->id);
    });

    // A run attempt starts at its own start time, else at its earliest job.
    std::map<std::int64_t, std::int64_t> runStart;
    for (const store::PipelineJob* job : ordered) {
        const auto at = job->runStartedAt ? job->runStartedAt : job->startedAt;
        if (!at)
            continue;
        auto [it, inserted] = runStart.emplace(job->runId, *at);
        if (!inserted && !job->runStartedAt)
            it->second = std::min(it->second, *at);
    }

    struct StageAcc
    {
        std::map<std::int64_t, Span> byRun;
        std::map<std::int64_t, StageWeekCell> byWeek; // monday → minutes, cost, job ids
        double minutes = 0;
        std::optional<double> cost;
    };
    std::map<QString, StageAcc> stages;
    std::map<QString, NamedDurations> byName;
    QHash<QString, QString> firstLabels;
    std::set<QString> unpriced;
    std::set<std::int64_t> mondays;

    for (const store::PipelineJob* jobPointer : ordered) {
        const store::PipelineJob& job = *jobPointer;
        const QString& stage = job.stage.isEmpty() ? other : job.stage;
        StageAcc& acc = stages[stage];
        Span& span = acc.byRun[job.runId];
        if (job.startedAt && job.finishedAt && *job.finishedAt >= *job.startedAt) {
            span.first = span.first ? std::min(*span.first, *job.startedAt) : *job.startedAt;
            span.last = span.last ? std::max(*span.last, *job.finishedAt) : *job.finishedAt;
            span.timed = true;
        }
        const auto duration = jobDurationMs(job);
        if (duration)
            span.summedMs += *duration;

        const auto at = job.startedAt ? job.startedAt : job.runStartedAt;
        NamedDurations& named = byName[job.name];
        named.stage = stage;
        named.jobIds.push_back(job.id);
        if (duration)
            named.seconds.push_back(double(*duration) / 1000.0);
        if (!at)
            continue;
        const std::int64_t monday = mondayOf(*at);
        mondays.insert(monday);
        StageWeekCell& cell = acc.byWeek[monday];
        cell.jobIds.push_back(job.id);
        if (!duration)
            continue;
        const double minutes = double(*duration) / 60000.0;
        cell.minutes += minutes;
        acc.minutes += minutes;
        if (!rates.isEmpty()) {
            const QString runner = runnerOf(job, firstLabels);
            const auto rate = rates.constFind(runner);
            if (rate == rates.constEnd()) {
                unpriced.insert(runner);
                continue;
            }
            cell.cost = cell.cost.value_or(0) + minutes * *rate;
            acc.cost = acc.cost.value_or(0) + minutes * *rate;
        }
    }

    // Durations per run attempt, in the week the attempt started.
    std::map<QString, std::map<std::int64_t, std::vector<double>>> durations;
    for (auto& [stage, acc] : stages) {
        for (const auto& [runId, span] : acc.byRun) {
            if (!span.timed && span.summedMs == 0)
                continue;
            const auto start = runStart.find(runId);
            if (start == runStart.end())
                continue;
            const double seconds
                = span.timed ? double(*span.last - *span.first) / 1000.0 : double(span.summedMs) / 1000.0;
            const std::int64_t monday = mondayOf(start->second);
            mondays.insert(monday);
            durations[stage][monday].push_back(seconds);
        }
    }

    for (const auto& [stage, acc] : stages)
        out.stages.push_back(stage);
    std::sort(out.stages.begin(), out.stages.end(), [](const QString& a, const QString& b) {
        const int ra = stageRank(a);
        const int rb = stageRank(b);
        return ra != rb ? ra < rb : a < b;
    });
    if (!mondays.empty())
        for (std::int64_t day = *mondays.begin(); day <= *mondays.rbegin(); day += 7)
            out.mondays.push_back(day);
    out.cells.assign(out.mondays.size(), std::vector<StageWeekCell>(out.stages.size()));
    for (size_t s = 0; s < out.stages.size(); ++s) {
        StageAcc& acc = stages[out.stages[s]];
        out.totals.push_back({ out.stages[s], acc.minutes, acc.cost });
        for (size_t w = 0; w < out.mondays.size(); ++w) {
            StageWeekCell& cell = out.cells[w][s];
            if (auto it = acc.byWeek.find(out.mondays[w]); it != acc.byWeek.end())
                cell = std::move(it->second);
            const std::vector<double>& values = durations[out.stages[s]][out.mondays[w]];
            cell.runs = int(values.size());
            cell.p50s = percentile(values, 50);
            cell.p90s = percentile(values, 90);
        }
    }

    out.slowest = rankSlowest(byName, slowestLimit);
    out.unpricedRunners.assign(unpriced.begin(), unpriced.end());
    return out;
}

std::vector<SlowJob> slowestSteps(const std::vector<store::PipelineStep>& steps, int limit)
{
    std::map<QString, NamedDurations> byName;
    for (const store::PipelineStep& step : steps) {
        NamedDurations& named = byName[step.job + QStringLiteral(" › ") + step.step];
        named.stage = step.stage;
        named.seconds.push_back(double(step.durationMs) / 1000.0);
        named.jobIds.push_back(step.jobId);
    }
    for (auto& [name, named] : byName) {
        std::sort(named.jobIds.begin(), named.jobIds.end());
        named.jobIds.erase(std::unique(named.jobIds.begin(), named.jobIds.end()), named.jobIds.end());
    }
    return rankSlowest(byName, limit);
}

} // namespace faultline::metrics
