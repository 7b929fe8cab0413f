#include "pipeline_metrics.h"

#include "metric_math.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <unordered_map>

namespace faultline::metrics {

namespace {

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

// The first runner label; a run of a million jobs has a handful of distinct label lists, so each is
// parsed once.
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

bool isFinished(const store::PipelineJob& job)
{
    return !job.conclusion.isEmpty() || job.finishedAt.has_value();
}

} // namespace

bool isFailedJob(const QString& status, const QString& conclusion)
{
    static const QSet<QString> failed { QStringLiteral("failure"),
                                        QStringLiteral("failed"),
                                        QStringLiteral("error"),
                                        QStringLiteral("errored"),
                                        QStringLiteral("timed_out"),
                                        QStringLiteral("timedout"),
                                        QStringLiteral("infrastructure_fail"),
                                        QStringLiteral("startup_failure") };
    const QString outcome = (conclusion.isEmpty() ? status : conclusion).toLower();
    return failed.contains(outcome);
}

PipelineMetrics computePipelineMetrics(const store::PipelineFacts& facts,
                                       const QHash<QString, double>& ratePerMinuteByRunner)
{
    PipelineMetrics out;

    // Stage spans per run attempt.
    struct Span
    {
        std::optional<std::int64_t> first;
        std::optional<std::int64_t> last;
        std::int64_t summedMs = 0;
        bool timed = false;
    };
    struct StageAccumulator
    {
        // Jobs arrive ordered by run: each run's jobs of a stage are contiguous, so the spans are
        // appended in run order.
        std::vector<std::pair<std::int64_t, Span>> byRun;
        std::vector<double> queueS;
        int finished = 0;
        int failed = 0;
        int retried = 0;
        std::vector<std::int64_t> jobIds;
    };
    std::map<QString, StageAccumulator> stages;
    std::unordered_map<std::int64_t, double> runWallS; // run id → wall time
    std::vector<std::pair<std::int64_t, Span>> runSpans; // from its jobs, when the run has no times
    QHash<QString, QString> firstLabels;
    // A million jobs name a handful of stages, outcomes and weeks: each is looked up by hash, and
    // weeks are counted by integer day before they become date strings.
    QHash<QString, StageAccumulator*> stageOf;
    QHash<QString, bool> failedOutcome;
    std::map<std::int64_t, double> minutesByMonday;
    const QString other = QStringLiteral("other");

    // The store returns jobs by run then id; facts built another way are put in that order first.
    std::vector<const store::PipelineJob*> ordered;
    ordered.reserve(facts.jobs.size());
    for (const store::PipelineJob& job : facts.jobs)
        ordered.push_back(&job);
    auto byRunThenId = [](const store::PipelineJob* x, const store::PipelineJob* y) {
        return std::pair(x->runId, x->id) < std::pair(y->runId, y->id);
    };
    if (!std::is_sorted(ordered.begin(), ordered.end(), byRunThenId))
        std::sort(ordered.begin(), ordered.end(), byRunThenId);

    for (const store::PipelineJob* jobPointer : ordered) {
        const store::PipelineJob& job = *jobPointer;
        const QString& stage = job.stage.isEmpty() ? other : job.stage;
        auto stageIt = stageOf.constFind(stage);
        if (stageIt == stageOf.constEnd())
            stageIt = stageOf.insert(stage, &stages[stage]);
        StageAccumulator& acc = **stageIt;
        acc.jobIds.push_back(job.id);
        if (acc.byRun.empty() || acc.byRun.back().first != job.runId)
            acc.byRun.emplace_back(job.runId, Span {});
        Span& span = acc.byRun.back().second;
        if (runSpans.empty() || runSpans.back().first != job.runId)
            runSpans.emplace_back(job.runId, Span {});
        Span& runSpan = runSpans.back().second;
        if (job.startedAt && job.finishedAt && *job.finishedAt >= *job.startedAt) {
            for (Span* s : { &span, &runSpan }) {
                s->first = s->first ? std::min(*s->first, *job.startedAt) : *job.startedAt;
                s->last = s->last ? std::max(*s->last, *job.finishedAt) : *job.finishedAt;
                s->timed = true;
            }
        }
        const auto duration = jobDurationMs(job);
        if (duration)
            span.summedMs += *duration;
        if (job.queuedMs && *job.queuedMs >= 0)
            acc.queueS.push_back(double(*job.queuedMs) / 1000.0);
        if (isFinished(job)) {
            ++acc.finished;
            const QString& outcome = job.conclusion.isEmpty() ? job.status : job.conclusion;
            auto failed = failedOutcome.constFind(outcome);
            if (failed == failedOutcome.constEnd())
                failed = failedOutcome.insert(outcome, isFailedJob(job.status, job.conclusion));
            if (*failed)
                ++acc.failed;
        }
        if (job.attempt > 1)
            ++acc.retried;
        if (job.runStartedAt && job.runFinishedAt && *job.runFinishedAt > *job.runStartedAt)
            runWallS[job.runId] = double(*job.runFinishedAt - *job.runStartedAt) / 1000.0;

        if (duration) {
            const double minutes = double(*duration) / 60000.0;
            const QString runner = runnerOf(job, firstLabels);
            out.ciMinutes.total += minutes;
            out.ciMinutes.byStage[stage] += minutes;
            out.ciMinutes.byRunner[runner] += minutes;
            if (const auto at = job.startedAt ? job.startedAt : job.runStartedAt)
                minutesByMonday[mondayOf(*at)] += minutes;
        }
    }
    for (const auto& [monday, minutes] : minutesByMonday)
        out.ciMinutes.byWeek[isoDateOfDay(monday)] += minutes;
    for (const auto& [runId, span] : runSpans)
        if (!runWallS.contains(runId) && span.timed && *span.last > *span.first)
            runWallS[runId] = double(*span.last - *span.first) / 1000.0;

    for (auto& [name, acc] : stages) {
        StageTiming t;
        t.stage = name;
        t.jobs = int(acc.jobIds.size());
        t.jobIds = std::move(acc.jobIds);
        t.runs = int(acc.byRun.size());
        std::vector<double> durations;
        double stageSum = 0;
        double wallSum = 0;
        for (const auto& [runId, span] : acc.byRun) {
            const double seconds
                = span.timed ? double(*span.last - *span.first) / 1000.0 : double(span.summedMs) / 1000.0;
            if (!span.timed && span.summedMs == 0)
                continue;
            durations.push_back(seconds);
            if (const auto wall = runWallS.find(runId); wall != runWallS.end()) {
                stageSum += std::min(seconds, wall->second);
                wallSum += wall->second;
            }
        }
        t.p50s = percentile(durations, 50);
        t.p90s = percentile(durations, 90);
        if (wallSum > 0)
            t.share = stageSum / wallSum;
        t.queueP50s = median(acc.queueS);
        t.finished = acc.finished;
        t.failed = acc.failed;
        if (acc.finished > 0)
            t.failureRate = double(acc.failed) / double(acc.finished);
        if (t.jobs > 0)
            t.retryRate = double(acc.retried) / double(t.jobs);
        out.stages.push_back(std::move(t));
    }
    std::sort(out.stages.begin(), out.stages.end(), [](const StageTiming& a, const StageTiming& b) {
        const int ra = stageRank(a.stage);
        const int rb = stageRank(b.stage);
        return ra != rb ? ra < rb : a.stage < b.stage;
    });

    if (!ratePerMinuteByRunner.isEmpty()) {
        double cost = 0;
        for (const auto& [runner, minutes] : out.ciMinutes.byRunner) {
            if (const auto rate = ratePerMinuteByRunner.constFind(runner);
                rate != ratePerMinuteByRunner.constEnd())
                cost += minutes * *rate;
            else
                out.ciMinutes.unpricedRunners.push_back(runner);
        }
        out.ciMinutes.estimatedCost = cost;
    }

    // Cache savings per step name.
    std::map<QString, std::pair<std::vector<double>, std::vector<double>>> samples; // hits, misses
    std::map<QString, CacheSaving> savings;
    for (const store::PipelineCacheStep& step : facts.cacheSteps) {
        CacheSaving& s = savings[step.name];
        s.step = step.name;
        s.jobIds.push_back(step.jobId);
        const bool hit = step.cache == QLatin1String("hit");
        (hit ? s.hits : s.misses) += 1;
        if (step.durationMs)
            (hit ? samples[step.name].first : samples[step.name].second)
                .push_back(double(*step.durationMs) / 1000.0);
    }
    for (auto& [name, s] : savings) {
        s.medianHitS = median(samples[name].first);
        s.medianMissS = median(samples[name].second);
        if (s.medianHitS && s.medianMissS)
            s.estimatedSavingS = std::max(0.0, *s.medianMissS - *s.medianHitS) * double(s.misses);
        out.cache.push_back(std::move(s));
    }
    std::sort(out.cache.begin(), out.cache.end(), [](const CacheSaving& a, const CacheSaving& b) {
        const double sa = a.estimatedSavingS.value_or(-1);
        const double sb = b.estimatedSavingS.value_or(-1);
        return sa != sb ? sa > sb : a.step < b.step;
    });
    return out;
}

} // namespace faultline::metrics
